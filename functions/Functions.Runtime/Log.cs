using Microsoft.Extensions.Logging;

namespace Functions.Runtime;

/// <summary>The runtime layer's log messages. Event ids are stable: never reuse or renumber one.</summary>
internal static partial class Log
{
    [LoggerMessage(9001, LogLevel.Critical, "AWS_LAMBDA_RUNTIME_API is not set: this program must be started by Lambda (or a Runtime API emulator)")]
    public static partial void RuntimeApiNotSet(this ILogger logger);

    [LoggerMessage(9002, LogLevel.Critical, "Initialization failed for handler '{Handler}': {ErrorMessage}")]
    public static partial void InitFailed(this ILogger logger, string handler, string errorMessage, Exception? exception);

    [LoggerMessage(9003, LogLevel.Critical, "Runtime API stopped serving invocations; exiting: {Reason}")]
    public static partial void RuntimeApiFailed(this ILogger logger, string reason, Exception exception);

    [LoggerMessage(9004, LogLevel.Error, "Invocation failed with {ErrorType}: {ErrorMessage}")]
    public static partial void InvocationFailed(this ILogger logger, string errorType, string errorMessage, Exception exception);

    [LoggerMessage(9005, LogLevel.Error, "Response of {Bytes} bytes is larger than Lambda accepts (HTTP 413); reporting Function.ResponseSizeTooLarge")]
    public static partial void ResponseTooLarge(this ILogger logger, int bytes);

    [LoggerMessage(9006, LogLevel.Warning, "Runtime API answered {StatusCode} to {Operation} for request {RequestId}")]
    public static partial void PostRejected(this ILogger logger, int statusCode, string operation, string requestId);

    [LoggerMessage(9007, LogLevel.Error, "Could not post {Operation} for request {RequestId}")]
    public static partial void PostFailed(this ILogger logger, string operation, string requestId, Exception exception);

    [LoggerMessage(9008, LogLevel.Information, "Runtime stopping: shutdown requested")]
    public static partial void Stopping(this ILogger logger);
}
