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
/// <item>completed and dead-lettered are final until the record expires;</item>
/// <item>a redriven message (redrive count k &gt; 0) whose own record is new is checked against its records under the
/// earlier counts (k − 1 … 0): completed under any of them → skipped as processed (a valid message of a mixed batch
/// the broker dead-lettered whole, redriven with the poison ones); in progress under a live owner → retried later (a
/// dead letter redriven between its send and its record); dead-lettered, expired or absent → new.</item>
/// </list>
/// </summary>
internal static class IdempotencyStateMachine
{
    /// <summary>
    /// What a claim answers, and the record to write for it (null: write nothing). <paramref name="earlier"/>: the
    /// records under <see cref="IdempotencyKey.EarlierKeys"/> (empty for a message never redriven).
    /// </summary>
    public static (IdempotencyClaim Claim, IdempotencyRecord? Write) Claim(
        IdempotencyRecord? current, IdempotencyClaimant claimant, DateTimeOffset now, TimeSpan timeToLive, ReadOnlySpan<IdempotencyRecord?> earlier = default)
    {
        var claim = new IdempotencyRecord(IdempotencyState.InProgress, now + timeToLive, claimant.RequestId, claimant.DeliveryId, claimant.Deadline);
        if (current is not { } record || record.ExpiresAt <= now)
        {
            // Only a new key looks back: a record under this count means an earlier claim of it already did.
            return Earlier(earlier, now) is { } answer ? (answer, null) : (IdempotencyClaim.Started, claim);
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

    /// <summary>The answer the earlier counts' live records give, if any: completed wins over in progress.</summary>
    private static IdempotencyClaim? Earlier(ReadOnlySpan<IdempotencyRecord?> earlier, DateTimeOffset now)
    {
        IdempotencyClaim? answer = null;
        foreach (var record in earlier)
        {
            if (record is not { } live || live.ExpiresAt <= now)
            {
                continue;
            }

            if (live.State == IdempotencyState.Completed)
            {
                return IdempotencyClaim.AlreadyCompleted;
            }

            if (live.State == IdempotencyState.InProgress && live.OwnerDeadline > now)
            {
                answer = IdempotencyClaim.InProgress;
            }
        }

        return answer;
    }

    private static bool IsRedeliveryOfOwnersDelivery(IdempotencyRecord record, IdempotencyClaimant claimant) =>
        claimant.Redelivered && record.Owner != claimant.RequestId && record.OwnerDeliveryId == claimant.DeliveryId;
}
