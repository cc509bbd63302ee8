namespace Functions.Framework.Idempotency;

/// <summary>Who asks to handle a key: the invocation, the delivery it holds, and until when.</summary>
/// <param name="RequestId">The invocation's request id (new on every redelivery of a batch).</param>
/// <param name="DeliveryId">The broker's <c>messageID</c> of this delivery.</param>
/// <param name="Redelivered">The broker's <c>redelivered</c> flag on this delivery.</param>
/// <param name="Deadline">The invocation's deadline: the claim ends there.</param>
internal readonly record struct IdempotencyClaimant(string RequestId, string DeliveryId, bool Redelivered, DateTimeOffset Deadline);
