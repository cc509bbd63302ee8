namespace Functions.Framework.Idempotency;

/// <summary>How long handled messages are remembered, and where. Immutable; built once at start-up.</summary>
internal sealed record IdempotencyOptions
{
    /// <summary>
    /// The DynamoDB table (<c>IDEMPOTENCY_TABLE</c>): partition key <c>pk</c> (string), TTL attribute
    /// <c>expiration</c>. When null, keys are kept in memory per execution environment. The default is null.
    /// </summary>
    public string? TableName { get; init; }

    /// <summary>How long a completed key is remembered (<c>IDEMPOTENCY_TTL_SECONDS</c>). The default is 24 hours.</summary>
    public TimeSpan TimeToLive { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The most keys the in-memory store keeps; the oldest are forgotten first. The default is 100,000.</summary>
    public int InMemoryCapacity { get; init; } = 100_000;
}
