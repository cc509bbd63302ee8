namespace Forwarder.Tests.TestHelpers;

/// <summary>An in-memory source connection: records acks, nacks and parked sends.</summary>
internal sealed class FakeSource(FakeBrokers brokers) : IMessageSource
{
    public bool TransformationActive { get; init; } = true;

    public int Buffered => brokers.Queue.Reader.Count;

    public long UnsettledBytes => 0;

    public ValueTask<InboundMessage> ReceiveAsync(CancellationToken cancellationToken) => brokers.Queue.Reader.ReadAsync(cancellationToken);

    public bool TryReceive(out InboundMessage message) => brokers.Queue.Reader.TryRead(out message!);

    public Task AckAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        brokers.Acked.Add(message.MessageId);
        return Task.CompletedTask;
    }

    public Task AckAllAsync(IReadOnlyList<InboundMessage> messages, CancellationToken cancellationToken)
    {
        brokers.Acked.AddRange(messages.Select(m => m.MessageId));
        return Task.CompletedTask;
    }

    public Task NackAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        brokers.Nacked.Add(message.MessageId);
        return Task.CompletedTask;
    }

    public Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (brokers.ParkFailure?.Invoke(message) is { } failure)
        {
            return Task.FromException(failure);
        }

        brokers.Parked.Add(message);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
