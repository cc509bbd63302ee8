namespace Functions.Framework.Idempotency;

/// <summary>A key's stored state; the owner fields are set only while <see cref="IdempotencyState.InProgress"/>.</summary>
/// <param name="State">Where the key is in <see cref="IdempotencyStateMachine"/>.</param>
/// <param name="ExpiresAt">The record's time to live: past it, the key counts as new.</param>
/// <param name="Owner">The request id of the invocation handling it.</param>
/// <param name="OwnerDeliveryId">The broker's <c>messageID</c> of the delivery the owner is handling.</param>
/// <param name="OwnerDeadline">When the owner's invocation ends; the claim ends with it.</param>
internal readonly record struct IdempotencyRecord(
    IdempotencyState State,
    DateTimeOffset ExpiresAt,
    string? Owner = null,
    string? OwnerDeliveryId = null,
    DateTimeOffset OwnerDeadline = default);
