namespace Functions.Tests.Processing;

/// <summary>Idempotency keys and claimants as the processor builds them for <see cref="TestEvents"/> messages.</summary>
internal static class TestKeys
{
    /// <summary>The key of a message sent to queue <c>orders</c> without provenance (its own queue and id, never redriven).</summary>
    public static IdempotencyKey Of(string originId, string queue = "orders", string redriveCount = "0") => new(queue, originId, redriveCount);

    public static IdempotencyClaimant Claimant(string requestId, DateTimeOffset deadline, string deliveryId = "ID:1", bool redelivered = false) =>
        new(requestId, deliveryId, redelivered, deadline);
}
