namespace Functions.Framework.DeadLetter;

/// <summary>Where and how dead letters are sent. Immutable; built once at start-up.</summary>
internal sealed record DeadLetterOptions
{
    /// <summary>The SQS queue URL (<c>DEAD_LETTER_QUEUE_URL</c>). Required.</summary>
    public required Uri QueueUrl { get; init; }

    /// <summary>
    /// The S3 bucket for bodies too large for SQS (<c>DEAD_LETTER_BUCKET</c>). When null, such a message fails the
    /// batch instead of being dropped. The default is null.
    /// </summary>
    public string? Bucket { get; init; }

    /// <summary>
    /// The queue's <c>MaximumMessageSize</c> in bytes (<c>DEAD_LETTER_MAX_MESSAGE_BYTES</c>), also used as the
    /// request limit. The default is 262,144, every queue's default.
    /// </summary>
    public int MaxMessageBytes { get; init; } = SqsLimits.DefaultMaxMessageBytes;

    /// <summary>Send attempts for an entry SQS rejects before giving up. The default is 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The delay before the first resend; doubled for each further one. The default is 200 ms.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);
}
