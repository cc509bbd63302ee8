using LocalEventSource.Batching;

namespace LocalEventSource;

/// <summary>
/// The settings of one local event source mapping, named after <c>AWS::Lambda::EventSourceMapping</c> where they
/// exist there. Validated once at start (<see cref="Validate"/>).
/// </summary>
internal sealed record EventSourceOptions
{
    /// <summary>The "cloud" broker, <c>stomp://host:port</c> (or <c>stomp+ssl://</c>).</summary>
    public required Uri Broker { get; init; }

    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>The queue to consume (<c>Queues</c>), a bare name such as <c>orders</c>.</summary>
    public required string Queue { get; init; }

    /// <summary>A fake broker ARN for <c>eventSourceArn</c>. The default names a local broker "cloud".</summary>
    public string EventSourceArn { get; init; } = "arn:aws:mq:us-east-1:000000000000:broker:cloud:b-00000000-0000-0000-0000-000000000000";

    /// <summary>BatchSize (default 100), MaximumBatchingWindowInSeconds (default 0.5 s), 6 MB payload.</summary>
    public BatchingOptions Batching { get; init; } = BatchingOptions.Default;

    /// <summary>Concurrent pollers, each with its own execution environment. Default 1; AWS allows 5 for ActiveMQ.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Redeliveries before the broker's dead-letter queue: Lambda's fixed policy uses 6.</summary>
    public int MaximumRedeliveries { get; init; } = 6;

    /// <summary>Pause before a failed batch is consumed again: ActiveMQ's default redelivery delay, 1 s.</summary>
    public TimeSpan RedeliveryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws naming the first bad setting.</summary>
    public void Validate()
    {
        if (Broker.Scheme is not ("stomp" or "stomp+ssl"))
        {
            throw new ArgumentException($"Broker must be a stomp:// or stomp+ssl:// URI, got '{Broker}'", nameof(Broker));
        }

        if (string.IsNullOrWhiteSpace(Queue) || Queue.StartsWith('/'))
        {
            throw new ArgumentException($"Queue must be a bare queue name such as 'orders', got '{Queue}'", nameof(Queue));
        }

        Batching.Validate();
        if (Concurrency is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(Concurrency), Concurrency, "Concurrency must be 1–100 (AWS allows 5 for ActiveMQ).");
        }

        if (MaximumRedeliveries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumRedeliveries), MaximumRedeliveries, "must be 0 or more");
        }
    }
}
