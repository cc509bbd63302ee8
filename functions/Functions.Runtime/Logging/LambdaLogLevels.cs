using Microsoft.Extensions.Logging;

namespace Functions.Runtime.Logging;

/// <summary>Lambda's level names (TRACE, DEBUG, INFO, WARN, ERROR, FATAL) and the log format setting.</summary>
public static class LambdaLogLevels
{
    /// <summary>
    /// Parses <c>AWS_LAMBDA_LOG_LEVEL</c> (case-insensitive). Unset or unrecognised values give
    /// <see cref="LogLevel.Information"/>, Lambda's default.
    /// </summary>
    public static LogLevel Parse(string? level) => level?.Trim().ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "WARN" or "WARNING" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "FATAL" or "CRITICAL" => LogLevel.Critical,
        _ => LogLevel.Information,
    };

    /// <summary>Parses <c>AWS_LAMBDA_LOG_FORMAT</c>: <c>JSON</c> (case-insensitive) or anything else for text.</summary>
    public static LambdaLogFormat ParseFormat(string? format) =>
        string.Equals(format?.Trim(), "JSON", StringComparison.OrdinalIgnoreCase) ? LambdaLogFormat.Json : LambdaLogFormat.Text;

    /// <summary>The Lambda name of a level, e.g. <c>INFO</c> for <see cref="LogLevel.Information"/>.</summary>
    public static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "FATAL",
        _ => "NONE",
    };
}
