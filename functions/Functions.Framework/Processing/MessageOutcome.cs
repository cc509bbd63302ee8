namespace Functions.Framework.Processing;

/// <summary>The one outcome every message of a batch gets.</summary>
internal enum MessageOutcome
{
    /// <summary>The handler processed it.</summary>
    Processed,

    /// <summary>An earlier delivery already processed it (idempotency store): not handled again.</summary>
    Skipped,

    /// <summary>An earlier delivery dead-lettered it: not handled, and not dead-lettered again; counted as skipped.</summary>
    SkippedDeadLettered,

    /// <summary>It can never succeed and is stored in the dead-letter queue.</summary>
    DeadLettered,

    /// <summary>It may succeed later: the invocation fails so that the broker redelivers the batch.</summary>
    Retry,
}
