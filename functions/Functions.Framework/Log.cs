using Microsoft.Extensions.Logging;

namespace Functions.Framework;

/// <summary>
/// Every log line of the framework, with stable event ids (never reuse one; 4xxx are the sample handlers', except
/// 4100–4149: the framework's idempotency).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information,
        "Function ready: handler {Handler}, dead letters to {DeadLetterQueue} (large bodies to {DeadLetterBucket}), idempotency store {IdempotencyStore}")]
    public static partial void FunctionReady(this ILogger logger, string handler, Uri deadLetterQueue, string deadLetterBucket, string idempotencyStore);

    [LoggerMessage(2001, LogLevel.Information, "Message {MessageId} (original {OriginalId}): processed")]
    public static partial void MessageProcessed(this ILogger logger, string messageId, string originalId);

    [LoggerMessage(2002, LogLevel.Information, "Message {MessageId} (original {OriginalId}): already processed by an earlier delivery, skipped")]
    public static partial void MessageSkipped(this ILogger logger, string messageId, string originalId);

    [LoggerMessage(2003, LogLevel.Warning, "Message {MessageId} (original {OriginalId}): dead-lettered: {Reason}")]
    public static partial void MessageDeadLettered(this ILogger logger, string messageId, string originalId, string? reason);

    [LoggerMessage(2004, LogLevel.Warning, "Message {MessageId} (original {OriginalId}): to retry: {Reason}")]
    public static partial void MessageRetry(this ILogger logger, string messageId, string originalId, string? reason);

    [LoggerMessage(2005, LogLevel.Information,
        "Batch of {Total} from {EventSource} {BrokerArn}: {Processed} processed, {Skipped} skipped (already processed), {DeadLettered} dead-lettered, {Retry} to retry; {DurationMs} ms")]
    public static partial void BatchCompleted(this ILogger logger, int total, string eventSource, string? brokerArn, int processed, int skipped,
        int deadLettered, int retry, long durationMs);

    [LoggerMessage(2006, LogLevel.Warning,
        "Message {MessageId} (original {OriginalId}): handled, but the idempotency store could not record it ({Error}); a redelivery would handle it again")]
    public static partial void IdempotencyCompleteFailed(this ILogger logger, string messageId, string originalId, string error);

    [LoggerMessage(2007, LogLevel.Warning,
        "Message {MessageId} (original {OriginalId}): the idempotency claim could not be released ({Error}); it lapses at this invocation's deadline")]
    public static partial void IdempotencyReleaseFailed(this ILogger logger, string messageId, string originalId, string error);

    [LoggerMessage(4100, LogLevel.Information,
        "Message {MessageId} (original {OriginalId}): already dead-lettered by an earlier delivery (key {Key}), skipped without a second dead letter")]
    public static partial void MessageSkippedDeadLettered(this ILogger logger, string messageId, string originalId, string key);

    [LoggerMessage(4101, LogLevel.Warning,
        "Message {MessageId} (key {Key}): recording it as {Outcome} failed on attempt {Attempt} ({Error}); trying again")]
    public static partial void IdempotencyFinishRetrying(this ILogger logger, string messageId, string key, string outcome, int attempt, string error);

    [LoggerMessage(4102, LogLevel.Error,
        "Message {MessageId} (original {OriginalId}): dead-lettered, but the idempotency store could not record it ({Error}); a redelivery of this batch would dead-letter it again")]
    public static partial void IdempotencyDeadLetterFailed(this ILogger logger, string messageId, string originalId, string error);

    [LoggerMessage(3001, LogLevel.Warning, "Dead-letter send: {Count} entries failed on attempt {Attempt}, sending again; first reason: {Reason}")]
    public static partial void DeadLetterSendRetrying(this ILogger logger, int count, int attempt, string reason);

    [LoggerMessage(3002, LogLevel.Information, "Dead letter of message {MessageId}: {Bytes}-byte body too large for SQS, stored as s3://{Bucket}/{Key}")]
    public static partial void DeadLetterBodyOffloaded(this ILogger logger, string? messageId, int bytes, string bucket, string key);

    [LoggerMessage(3003, LogLevel.Information, "Dead letter of message {MessageId}: {Bytes} bytes of properties too large for SQS, stored as s3://{Bucket}/{Key}")]
    public static partial void DeadLetterPropertiesOffloaded(this ILogger logger, string? messageId, int bytes, string bucket, string key);
}
