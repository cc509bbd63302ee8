namespace Functions.Framework.Idempotency;

/// <summary>
/// The one set of transitions both stores apply (the in-memory store under a lock, the DynamoDB store with
/// conditional writes on the record it read):
/// <list type="bullet">
/// <item>new or expired → in progress, owned by the claimant until its deadline;</item>
/// <item>in progress → in progress for another request when the owner's deadline passed (it crashed or timed out),
/// or when the broker redelivers the very delivery the owner held: same <c>messageID</c>, flagged redelivered.
/// The broker hands a message out again only after the consumer that had it gave it back — the owner's invocation
/// failed, timed out or its process died — so the owner is no longer handling it. A different delivery of the same
/// key (a duplicate sent twice) waits for the owner's deadline instead, as it may be handled right now;</item>
/// <item>in progress → completed or dead-lettered when the outcome is final (recorded whatever the state, as it is a
/// fact about the message), or → new when the owner releases it;</item>
/// <item>completed and dead-lettered are final until the record expires.</item>
/// </list>
/// </summary>
internal static class IdempotencyStateMachine
{
    /// <summary>What a claim answers, and the record to write for it (null: write nothing).</summary>
    public static (IdempotencyClaim Claim, IdempotencyRecord? Write) Claim(
        IdempotencyRecord? current, IdempotencyClaimant claimant, DateTimeOffset now, TimeSpan timeToLive)
    {
        var claim = new IdempotencyRecord(IdempotencyState.InProgress, now + timeToLive, claimant.RequestId, claimant.DeliveryId, claimant.Deadline);
        if (current is not { } record || record.ExpiresAt <= now)
        {
            return (IdempotencyClaim.Started, claim);
        }

        return record.State switch
        {
            IdempotencyState.Completed => (IdempotencyClaim.AlreadyCompleted, null),
            IdempotencyState.DeadLettered => (IdempotencyClaim.AlreadyDeadLettered, null),
            _ when record.OwnerDeadline <= now => (IdempotencyClaim.Started, claim),
            _ when IsRedeliveryOfOwnersDelivery(record, claimant) => (IdempotencyClaim.Started, claim),
            _ => (IdempotencyClaim.InProgress, null),
        };
    }

    /// <summary>The record of a final outcome.</summary>
    public static IdempotencyRecord Finish(IdempotencyState outcome, DateTimeOffset now, TimeSpan timeToLive)
    {
        if (outcome == IdempotencyState.InProgress)
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Only completed or dead-lettered is a final outcome.");
        }

        return new IdempotencyRecord(outcome, now + timeToLive);
    }

    /// <summary>True when <paramref name="owner"/> may give up the claim: it is in progress and still its own.</summary>
    public static bool CanRelease(IdempotencyRecord? current, string owner) =>
        current is { State: IdempotencyState.InProgress } record && record.Owner == owner;

    private static bool IsRedeliveryOfOwnersDelivery(IdempotencyRecord record, IdempotencyClaimant claimant) =>
        claimant.Redelivered && record.Owner != claimant.RequestId && record.OwnerDeliveryId == claimant.DeliveryId;
}
