namespace Functions.Framework.Idempotency;

/// <summary>The answer of <see cref="IIdempotencyStore.TryBeginAsync"/>.</summary>
internal enum IdempotencyClaim
{
    /// <summary>The caller now owns the key and must complete or release it.</summary>
    Started,

    /// <summary>The message was already handled (processed or dead-lettered): skip it.</summary>
    AlreadyCompleted,

    /// <summary>Another invocation is handling it right now (or crashed less than its deadline ago): retry later.</summary>
    InProgress,
}
