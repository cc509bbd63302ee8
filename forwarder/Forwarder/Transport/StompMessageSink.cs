using Forwarder.Bridge;
using Forwarder.Configuration;
using Stomp;

namespace Forwarder.Transport;

/// <summary>
/// The target side over STOMP. A batch goes either in one transaction (SENDs without receipts, one COMMIT with a
/// receipt: one disk sync for the batch) or as SENDs each with a receipt, all in flight at once. A single message
/// is always sent with its own receipt, so a refusal is pinned on it.
/// </summary>
internal sealed class StompMessageSink(StompClient client, SendMode mode, string endpoint) : IMessageSink
{
    // Completes when the latest batch has queued all of its frames. The worker pipelines batches: each one queues
    // its frames only after the one before it queued all of its own, so frames of two batches never interleave and
    // the broker, which handles one connection's frames in order, stores the batches in order.
    private Task _framesQueued = Task.CompletedTask;

    public string Endpoint => endpoint;

    /// <remarks>Called by one worker, in batch order; the returned task completes when the target confirmed the batch.</remarks>
    public Task SendBatchAsync(IReadOnlyList<OutboundMessage> batch, CancellationToken cancellationToken)
    {
        var previous = _framesQueued;
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _framesQueued = queued.Task;
        return SendAfterAsync(previous, queued, batch, cancellationToken);
    }

    private async Task SendAfterAsync(
        Task previous, TaskCompletionSource queued, IReadOnlyList<OutboundMessage> batch, CancellationToken cancellationToken)
    {
        Task confirmed;
        try
        {
            // Never faults: every batch completes its TaskCompletionSource in the finally below.
#pragma warning disable VSTHRD003 // the previous batch's "frames queued" signal; no synchronization context here
            await previous;
#pragma warning restore VSTHRD003
            confirmed = batch.Count == 1 || mode == SendMode.Receipts
                ? QueueWithReceiptsAsync(batch, cancellationToken)
                : await QueueTransactionAsync(batch, cancellationToken);
        }
        finally
        {
            queued.SetResult();
        }

        try
        {
            await confirmed;
        }
        catch (Exception ex) when (IsReceiptTimeout(ex))
        {
            throw new TargetTimeoutException(ex.Message, ex);
        }
    }

    private static bool IsReceiptTimeout(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is StompReceiptTimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// BEGIN, the SENDs without receipts and the COMMIT with one, queued back to back; the task that it returns
    /// completes at the COMMIT's RECEIPT (one disk sync on the target for the whole batch).
    /// </summary>
    private async Task<Task> QueueTransactionAsync(IReadOnlyList<OutboundMessage> batch, CancellationToken cancellationToken)
    {
        var transaction = await client.BeginAsync(cancellationToken);
        var sends = new Task[batch.Count];
        StompSendOptions text = new() { Receipt = false, Transaction = transaction.Id, ContentLength = false };
        var bytes = text with { ContentLength = true };
        for (var i = 0; i < batch.Count; i++)
        {
            sends[i] = SendOneAsync(batch[i], batch[i].WithContentLength ? bytes : text, cancellationToken);
        }

        if (sends.Any(s => s.IsFaulted))
        {
            // A frame over the broker's limits was refused before it was queued: commit nothing of this batch.
            await transaction.AbortAsync(cancellationToken);
            await ThrowFirstRejectionAsync(sends, withReceipts: false);
        }

        // A SEND the broker refuses inside the transaction comes back as an ERROR without receipt, which ends the
        // connection and fails the COMMIT; the worker then retries the batch one message at a time.
        return CommitAsync(transaction, sends, cancellationToken);
    }

    private Task QueueWithReceiptsAsync(IReadOnlyList<OutboundMessage> batch, CancellationToken cancellationToken)
    {
        var sends = new Task[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            sends[i] = SendOneAsync(batch[i], new StompSendOptions { Receipt = true, ContentLength = batch[i].WithContentLength }, cancellationToken);
        }

        return ThrowFirstRejectionAsync(sends, withReceipts: true);
    }

    /// <remarks>The COMMIT is queued before the first await, so the caller still queues it in order.</remarks>
    private static async Task CommitAsync(StompTransaction transaction, Task[] sends, CancellationToken cancellationToken)
    {
        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            // Observe every send; a failed one is the more precise error.
            await ThrowFirstRejectionAsync(sends, withReceipts: false);
        }
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();

    // SendAsync reports every failure through its task, so no async wrapper (a state machine per message) is needed.
    private Task SendOneAsync(OutboundMessage message, StompSendOptions options, CancellationToken cancellationToken) =>
        client.SendAsync("/queue/" + message.Queue, message.Headers, message.Body, options, cancellationToken);

    /// <summary>
    /// Waits for all; the first refused message (in order) becomes a <see cref="MessageRejectedException"/>. With
    /// <paramref name="withReceipts"/> each completed send was confirmed by its own RECEIPT, so the exception names
    /// the stored ones; sends in a transaction only completed when written.
    /// </summary>
    private static async Task ThrowFirstRejectionAsync(Task[] sends, bool withReceipts)
    {
        try
        {
            await Task.WhenAll(sends);
        }
        catch (Exception) when (sends.Any(s => s.IsFaulted))
        {
            for (var i = 0; i < sends.Length; i++)
            {
                switch (sends[i].Exception?.InnerException)
                {
                    case StompErrorException error:
                        throw new MessageRejectedException(i, string.IsNullOrEmpty(error.ErrorMessage) ? error.Message : error.ErrorMessage, error, Stored(sends, withReceipts));
                    case StompFrameLimitException limit:
                        throw new MessageRejectedException(i, limit.Message, limit, Stored(sends, withReceipts));
                    case ArgumentException invalid:
                        throw new MessageRejectedException(i, invalid.Message, invalid, Stored(sends, withReceipts));
                    case Exception other:
                        throw new StompConnectionException($"send failed: {other.Message}", other);
                    default:
                        break;
                }
            }

            throw;
        }
    }

    private static int[] Stored(Task[] sends, bool withReceipts) =>
        withReceipts ? [.. Enumerable.Range(0, sends.Length).Where(i => sends[i].IsCompletedSuccessfully)] : [];
}
