using Microsoft.Extensions.Logging;

namespace LocalPipeline;

/// <summary>The pipeline's own log messages (to pipeline.log); EventIds are stable.</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Warning, "Monitor: could not read a dead-letter queue; trying again")]
    public static partial void MonitorReadFailed(this ILogger logger, Exception exception);
}
