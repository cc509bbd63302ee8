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

        for (var i = 0; i < batch.Count; i++)
        {
            if (brokers.Reject?.Invoke(batch[i]) is { } reason)
            {
                // Like a transaction: nothing of the batch is stored.
                throw new MessageRejectedException(i, reason);
            }
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
