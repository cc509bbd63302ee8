namespace Functions.Framework.Idempotency;

/// <summary>The states of a key in the idempotency store; a key with no record (or an expired one) is new.</summary>
internal enum IdempotencyState
{
    /// <summary>A request is handling it, until its owner's deadline.</summary>
    InProgress,

    /// <summary>Handled for good: skipped by every later delivery until the record expires.</summary>
    Completed,

    /// <summary>Its copy is on the dead-letter queue: never dead-lettered again, and not completed either.</summary>
    DeadLettered,
}
