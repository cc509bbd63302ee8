namespace Functions.Tests.RuntimeHost;

/// <summary>Source-generated messages, so the tests see the structured fields a real function logs.</summary>
internal static partial class TestLog
{
    [LoggerMessage(1, LogLevel.Information, "Processed {Count} messages from {Queue}")]
    public static partial void Processed(this ILogger logger, int count, string queue);

    [LoggerMessage(2, LogLevel.Error, "Message {MessageId} failed")]
    public static partial void Failed(this ILogger logger, string messageId, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Outcome {ErrorType}")]
    public static partial void Outcome(this ILogger logger, string errorType, Exception? exception);

    [LoggerMessage(3, LogLevel.Debug, "Detail {Level} {Message}")]
    public static partial void Detail(this ILogger logger, string level, string message);
}
