namespace Functions.Framework.Processing;

/// <summary>Whether retrying a failed message can help.</summary>
internal enum FailureKind
{
    /// <summary>It may succeed later: fail the batch so the broker redelivers it.</summary>
    Transient,

    /// <summary>It will never succeed: dead-letter it.</summary>
    Permanent,
}
