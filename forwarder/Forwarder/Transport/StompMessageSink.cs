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
    public string Endpoint => endpoint;

    public async Task SendBatchAsync(IReadOnlyList<OutboundMessage> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 1 || mode == SendMode.Receipts)
        {
            await SendWithReceiptsAsync(batch, cancellationToken);
            return;
        }

        var transaction = await client.BeginAsync(cancellationToken);
        await using (transaction)
        {
            var writes = new Task[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                writes[i] = SendOneAsync(batch[i], new StompSendOptions { Receipt = false, Transaction = transaction.Id, ContentLength = batch[i].WithContentLength }, cancellationToken);
            }

            await ThrowFirstRejectionAsync(writes);
            // A SEND the broker refuses inside the transaction comes back as an ERROR without receipt, which ends the
            // connection; the worker then retries the batch one message at a time.
            await transaction.CommitAsync(cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();

    private async Task SendWithReceiptsAsync(IReadOnlyList<OutboundMessage> batch, CancellationToken cancellationToken)
    {
        var sends = new Task[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            sends[i] = SendOneAsync(batch[i], new StompSendOptions { Receipt = true, ContentLength = batch[i].WithContentLength }, cancellationToken);
        }

        await ThrowFirstRejectionAsync(sends);
    }

    private async Task SendOneAsync(OutboundMessage message, StompSendOptions options, CancellationToken cancellationToken) =>
        await client.SendAsync("/queue/" + message.Queue, message.Headers, message.Body, options, cancellationToken);

    /// <summary>Waits for all; the first refused message (in order) becomes a <see cref="MessageRejectedException"/>.</summary>
    private static async Task ThrowFirstRejectionAsync(Task[] sends)
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
                        throw new MessageRejectedException(i, string.IsNullOrEmpty(error.ErrorMessage) ? error.Message : error.ErrorMessage, error);
                    case StompFrameLimitException limit:
                        throw new MessageRejectedException(i, limit.Message, limit);
                    case ArgumentException invalid:
                        throw new MessageRejectedException(i, invalid.Message, invalid);
                    case Exception other:
                        throw new StompConnectionException($"send failed: {other.Message}", other);
                    default:
                        break;
                }
            }

            throw;
        }
    }
}
