namespace Functions.Framework.Idempotency;

/// <summary>
/// Remembers which messages were already handled, so that a redelivered batch does not handle them again. Both
/// implementations apply <see cref="IdempotencyStateMachine"/>; an in-progress key whose owner crashed can be
/// claimed again, so a crash never blocks a message for good.
/// </summary>
internal interface IIdempotencyStore
{
    /// <summary>Claims <paramref name="key"/> for <paramref name="claimant"/> until its deadline.</summary>
    ValueTask<IdempotencyClaim> TryBeginAsync(IdempotencyKey key, IdempotencyClaimant claimant, CancellationToken cancellationToken);

    /// <summary>
    /// Records the final outcome of the message behind <paramref name="key"/>:
    /// <see cref="IdempotencyState.Completed"/> or <see cref="IdempotencyState.DeadLettered"/>.
    /// </summary>
    ValueTask FinishAsync(IdempotencyKey key, IdempotencyState outcome, CancellationToken cancellationToken);

    /// <summary>Gives up <paramref name="owner"/>'s claim so that the next delivery handles the message again.</summary>
    ValueTask ReleaseAsync(IdempotencyKey key, string owner, CancellationToken cancellationToken);
}
