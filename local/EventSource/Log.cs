using LocalEventSource.Invocation;
using Microsoft.Extensions.Logging;

namespace LocalEventSource;

/// <summary>The event source's log messages; EventIds are stable, never reuse one.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Event source mapping on queue {Queue} at {Broker}: {Concurrency} poller(s), batch size {BatchSize}, window {WindowSeconds} s")]
    public static partial void MappingStarted(this ILogger logger, string queue, Uri broker, int concurrency, int batchSize, double windowSeconds);

    [LoggerMessage(1002, LogLevel.Information, "Poller {Poller} subscribed to {Queue} at {Broker}")]
    public static partial void Subscribed(this ILogger logger, int poller, string queue, Uri broker);

    [LoggerMessage(1003, LogLevel.Warning, "Poller {Poller} lost its connection to {Broker}; reconnecting")]
    public static partial void BrokerConnectionLost(this ILogger logger, int poller, Uri broker, Exception exception);

    [LoggerMessage(1004, LogLevel.Debug, "Poller {Poller}: batch of {Count} handled in {DurationMs} ms and acknowledged")]
    public static partial void BatchSucceeded(this ILogger logger, int poller, int count, long durationMs);

    [LoggerMessage(1005, LogLevel.Warning, "Poller {Poller}: batch of {Count} failed ({Outcome}: {Error}); it will be redelivered")]
    public static partial void BatchFailed(this ILogger logger, int poller, int count, InvocationOutcome outcome, string error);

    [LoggerMessage(1006, LogLevel.Warning, "Poller {Poller}: message {MessageId} moved to the broker's dead-letter queue: {Reason}")]
    public static partial void DeadLettered(this ILogger logger, int poller, string messageId, string reason);

    [LoggerMessage(1101, LogLevel.Information, "Environment {Environment}: bootstrap started (pid {Pid}), Runtime API at {RuntimeApi}")]
    public static partial void EnvironmentStarted(this ILogger logger, int environment, int pid, string runtimeApi);

    [LoggerMessage(1102, LogLevel.Warning, "Environment {Environment}: {Outcome} after {ElapsedMs} ms; the environment is killed and replaced")]
    public static partial void EnvironmentReplaced(this ILogger logger, int environment, InvocationOutcome outcome, long elapsedMs);
}
