namespace Functions.Framework.Idempotency;

/// <summary>The answer of <see cref="IIdempotencyStore.TryBeginAsync"/>.</summary>
internal enum IdempotencyClaim
{
    /// <summary>The caller now owns the key and must record its outcome or release it.</summary>
    Started,

    /// <summary>An earlier delivery processed it: skip it.</summary>
    AlreadyCompleted,

    /// <summary>An earlier delivery dead-lettered it: skip it, and do not send a second copy.</summary>
    AlreadyDeadLettered,

    /// <summary>Another invocation is handling it right now (or crashed less than its deadline ago): retry later.</summary>
    InProgress,
}
