namespace Forwarder.Tests.TestHelpers;

/// <summary>An in-memory target connection; <see cref="FakeBrokers.Reject"/> decides what it refuses.</summary>
internal sealed class FakeSink(FakeBrokers brokers, string endpoint) : IMessageSink
{
    public string Endpoint => endpoint;

    public Task SendBatchAsync(IReadOnlyList<OutboundMessage> batch, CancellationToken cancellationToken)
    {
        brokers.Batches.Add(batch.Count);
        if (brokers.DropConnectionOnNextSend)
        {
            brokers.DropConnectionOnNextSend = false;
            throw new IOException("connection reset");
        }

        if (brokers.TimeOutNextSends > 0)
        {
            brokers.TimeOutNextSends--;
            throw new TargetTimeoutException("no RECEIPT within 30 s of writing it");
        }

        var refused = Enumerable.Range(0, batch.Count).Where(i => brokers.Reject?.Invoke(batch[i]) is not null).ToList();
        if (refused.Count > 0)
        {
            var first = refused[0];
            var reason = brokers.Reject!(batch[first])!;
            if (!brokers.ReceiptPerMessage)
            {
                // Like a transaction: nothing of the batch is stored.
                throw new MessageRejectedException(first, reason);
            }

            var stored = Enumerable.Range(0, batch.Count).Except(refused).ToList();
            brokers.Delivered.AddRange(stored.Select(i => batch[i]));
            throw new MessageRejectedException(first, reason, stored: stored);
        }

        brokers.FirstBatchSent.TrySetResult();
        if (brokers.ConfirmationGate is { } gate)
        {
            return DeliverAfterAsync(gate, batch);
        }

        brokers.Delivered.AddRange(batch);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task DeliverAfterAsync(TaskCompletionSource gate, IReadOnlyList<OutboundMessage> batch)
    {
        await gate.Task.WaitAsync(CancellationToken.None);
        brokers.Delivered.AddRange(batch);
    }
}
