namespace Functions.Framework.Idempotency;

/// <summary>
/// Remembers which messages were already handled, keyed by the message's original id, so that a redelivered batch
/// does not handle them again. A key goes in-progress → completed; an in-progress key whose deadline passed (the
/// invocation crashed or timed out) can be claimed again, so a crash never blocks a message for good.
/// </summary>
internal interface IIdempotencyStore
{
    /// <summary>Claims <paramref name="key"/> until <paramref name="inProgressUntil"/> (the invocation's deadline).</summary>
    ValueTask<IdempotencyClaim> TryBeginAsync(string key, DateTimeOffset inProgressUntil, CancellationToken cancellationToken);

    /// <summary>Records that the message behind <paramref name="key"/> was handled for good.</summary>
    ValueTask CompleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Gives up a claim so that the next delivery handles the message again.</summary>
    ValueTask ReleaseAsync(string key, CancellationToken cancellationToken);
}
