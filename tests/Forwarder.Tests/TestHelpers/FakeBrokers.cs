namespace Forwarder.Tests.TestHelpers;

/// <summary>Both brokers in memory, and the connector the worker uses to reach them.</summary>
internal sealed class FakeBrokers : IBrokerConnector
{
    private int _next;

    public Channel<InboundMessage> Queue { get; } = Channel.CreateUnbounded<InboundMessage>();

    public List<string> Acked { get; } = [];

    public List<string> Nacked { get; } = [];

    public List<OutboundMessage> Parked { get; } = [];

    public List<OutboundMessage> Delivered { get; } = [];

    public List<int> Batches { get; } = [];

    public List<int> SinkConnects { get; } = [];

    public Func<OutboundMessage, string?>? Reject { get; set; }

    public bool DropConnectionOnNextSend { get; set; }

    /// <summary>What parking a copy throws (null: it is stored).</summary>
    public Func<OutboundMessage, Exception?>? ParkFailure { get; set; }

    /// <summary>The next sends time out waiting for a confirmation (the connection is dropped, nothing refused).</summary>
    public int TimeOutNextSends { get; set; }

    /// <summary>Like SendMode.Receipts: a refusal stores the other messages of the batch and says so.</summary>
    public bool ReceiptPerMessage { get; set; }

    /// <summary>When set, the target confirms (and stores) each batch only once this completes.</summary>
    public TaskCompletionSource? ConfirmationGate { get; set; }

    /// <summary>Completes when the first batch reaches the target.</summary>
    public TaskCompletionSource FirstBatchSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The source broker refuses connections.</summary>
    public bool SourceDown { get; set; }

    /// <summary>Target endpoints that refuse connections.</summary>
    public HashSet<int> DownTargets { get; } = [];

    public bool TransformationActive { get; set; } = true;

    public int SinkEndpointCount { get; set; } = 1;

    /// <summary>Source connections made.</summary>
    public int SourceConnects { get; private set; }

    public Task<IMessageSource> ConnectSourceAsync(CancellationToken cancellationToken)
    {
        if (SourceDown)
        {
            return Task.FromException<IMessageSource>(new IOException("connection refused by source"));
        }

        SourceConnects++;
        return Task.FromResult<IMessageSource>(new FakeSource(this) { TransformationActive = TransformationActive });
    }

    public Task<IMessageSink> ConnectSinkAsync(int endpointIndex, CancellationToken cancellationToken)
    {
        SinkConnects.Add(endpointIndex);
        return DownTargets.Contains(endpointIndex)
            ? Task.FromException<IMessageSink>(new IOException($"connection refused by target {endpointIndex}"))
            : Task.FromResult<IMessageSink>(new FakeSink(this, $"target{endpointIndex}"));
    }

    public InboundMessage Enqueue(string queue, string body, params (string Key, string Value)[] headers)
    {
        var message = TestMessages.Inbound($"ID:src:1:1:1:{Interlocked.Increment(ref _next)}", queue, body, headers);
        Queue.Writer.TryWrite(message);
        return message;
    }
}
