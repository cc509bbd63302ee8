namespace LocalEventSource.Batching;

/// <summary>When a batch is complete, as Lambda's event source mapping decides for Amazon MQ (Lambda developer guide, "Using Lambda with Amazon MQ").</summary>
/// <param name="BatchSize">Most messages per batch: 1–10,000; AWS's default is 100.</param>
/// <param name="MaximumBatchingWindow">How long to gather after the first message; AWS's default for MQ is 500 ms.</param>
/// <param name="MaximumPayloadBytes">Most bytes of event per invocation: Lambda's 6 MB synchronous payload limit.</param>
internal sealed record BatchingOptions(int BatchSize, TimeSpan MaximumBatchingWindow, long MaximumPayloadBytes)
{
    public const int DefaultBatchSize = 100;
    public const long SixMegabytes = 6 * 1024 * 1024;

    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMilliseconds(500);

    public static BatchingOptions Default { get; } = new(DefaultBatchSize, DefaultWindow, SixMegabytes);

    /// <summary>Throws naming the bad setting and its allowed range.</summary>
    public void Validate()
    {
        if (BatchSize is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be 1–10,000 (AWS's limits for Amazon MQ).");
        }

        if (MaximumBatchingWindow < TimeSpan.Zero || MaximumBatchingWindow > TimeSpan.FromSeconds(300))
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumBatchingWindow), MaximumBatchingWindow, "MaximumBatchingWindowInSeconds must be 0–300.");
        }

        if (MaximumPayloadBytes is < 1024 or > SixMegabytes)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumPayloadBytes), MaximumPayloadBytes, "The payload limit must be 1 KiB–6 MB.");
        }
    }
}
