using Microsoft.Extensions.Logging;

namespace Forwarder;

/// <summary>
/// Every log line of the agent. EventIds are 1-999 and stable: never renumber or reuse one. The STOMP client logs
/// in the same process with its own, 5001-5999 (forwarder/Stomp/Log.cs).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Source connected: {Endpoint}, map/object as JSON: {Transformation}")]
    public static partial void SourceConnected(this ILogger logger, string endpoint, bool transformation);

    [LoggerMessage(2, LogLevel.Warning, "Source connection lost; {Pending} unacknowledged message(s) return to the source queue")]
    public static partial void SourceLost(this ILogger logger, int pending, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Source {Endpoint} unreachable, retrying in {Delay}: {Error}")]
    public static partial void SourceConnectFailed(this ILogger logger, string endpoint, TimeSpan delay, string error);

    [LoggerMessage(4, LogLevel.Information, "Target connected: {Endpoint}")]
    public static partial void TargetConnected(this ILogger logger, string endpoint);

    [LoggerMessage(5, LogLevel.Warning, "Target {Endpoint} connection lost; {Pending} message(s) held unacknowledged on the source: {Error}")]
    public static partial void TargetLost(this ILogger logger, string endpoint, int pending, string error);

    [LoggerMessage(6, LogLevel.Warning, "No target reachable ({Endpoints}), retrying in {Delay}: {Error}")]
    public static partial void TargetConnectFailed(this ILogger logger, string endpoints, TimeSpan delay, string error);

    [LoggerMessage(7, LogLevel.Debug, "Forwarded {Count} message(s): waited {ReceiveMs:0.0} ms for the first, target confirmed in {SendMs:0.0} ms, acknowledged in {AckMs:0.0} ms")]
    public static partial void BatchForwarded(this ILogger logger, int count, double receiveMs, double sendMs, double ackMs);

    [LoggerMessage(8, LogLevel.Warning, "Target refused message {MessageId} from {Queue} (attempt {Attempt} of {MaxAttempts}): {Reason}")]
    public static partial void MessageRejected(this ILogger logger, string queue, string messageId, int attempt, int maxAttempts, string reason);

    [LoggerMessage(9, LogLevel.Warning, "Parked message {MessageId} from {Queue} on {ParkingQueue}: {Reason}")]
    public static partial void MessageParked(this ILogger logger, string queue, string messageId, string parkingQueue, string reason);

    [LoggerMessage(10, LogLevel.Error, "Dead-lettered message {MessageId} from {Queue} with NACK: {Reason}")]
    public static partial void MessageDeadLettered(this ILogger logger, string queue, string messageId, string reason);

    [LoggerMessage(11, LogLevel.Warning, "SOURCE BROKER {Endpoint} CANNOT RENDER MAP/OBJECT MESSAGES OVER STOMP (the connection dropped on a 'transformation' subscription: xstream/jettison jars missing from its lib/). Continuing without: map/object messages, and empty text messages, which look the same, are dead-lettered with NACK instead of forwarded. Add the jars to forward them as JSON")]
    public static partial void TransformationUnavailable(this ILogger logger, string endpoint);

    [LoggerMessage(12, LogLevel.Information, "Stopping: draining {Pending} in-flight message(s), up to {Timeout}")]
    public static partial void Draining(this ILogger logger, int pending, TimeSpan timeout);

    [LoggerMessage(13, LogLevel.Information, "Subscribed to {Destination} (prefetch {Prefetch})")]
    public static partial void Subscribed(this ILogger logger, string destination, int prefetch);

    [LoggerMessage(14, LogLevel.Information, "Stopped; {Forwarded} forwarded, {Parked} parked since start")]
    public static partial void Stopped(this ILogger logger, long forwarded, long parked);

    [LoggerMessage(15, LogLevel.Information, "Discovered queue {Queue} matching the includes")]
    public static partial void QueueDiscovered(this ILogger logger, string queue);

    [LoggerMessage(16, LogLevel.Error, "Parking message {MessageId} from {Queue} on {ParkingQueue} failed; it stays unacknowledged on the source")]
    public static partial void ParkFailed(this ILogger logger, string queue, string messageId, string parkingQueue, Exception exception);

    [LoggerMessage(18, LogLevel.Warning, "Health endpoint not started on {Prefix}, /health is off; forwarding goes on, trying again every {Interval}: {Error}")]
    public static partial void MetricsEndpointFailed(this ILogger logger, string prefix, TimeSpan interval, string error);

    [LoggerMessage(19, LogLevel.Critical, "Stopping: {Error}")]
    public static partial void FatalConfiguration(this ILogger logger, string error);

    [LoggerMessage(20, LogLevel.Debug, "Backlog statistics unavailable: {Error}")]
    public static partial void BacklogUnavailable(this ILogger logger, string error);

    [LoggerMessage(350, LogLevel.Information, "Ignored queue {Queue} announced by the source: a wildcard name (ActiveMQ creates one for a wildcard subscription) cannot be consumed alone")]
    public static partial void WildcardQueueIgnored(this ILogger logger, string queue);

    [LoggerMessage(380, LogLevel.Warning, "Target did not confirm {Count} message(s) within ReceiptTimeout {Timeout}: slow, not refused (flow control or a slow link); reconnecting and resending one at a time, never parked for it")]
    public static partial void TargetSlow(this ILogger logger, int count, TimeSpan timeout);

    // 400-419: telemetry, which never stops forwarding.
    [LoggerMessage(400, LogLevel.Warning, "Metrics endpoint not started on {Host}:{Port}, /metrics is off; forwarding goes on, trying again every {Interval}: {Error}")]
    public static partial void MetricsPortUnavailable(this ILogger logger, string host, int port, TimeSpan interval, string error);

    [LoggerMessage(404, LogLevel.Information, "Endpoint {Endpoint} started after all: the port is free now")]
    public static partial void EndpointStartedLate(this ILogger logger, string endpoint);

    [LoggerMessage(401, LogLevel.Warning, "Statistics reply for queue {Queue} does not parse; its backlog is not updated: {Error}")]
    public static partial void StatisticsReplyMalformed(this ILogger logger, string queue, string error);

    [LoggerMessage(402, LogLevel.Warning, "Backlog monitor failed, retrying in {Delay}; forwarding goes on: {Error}")]
    public static partial void BacklogMonitorFailed(this ILogger logger, TimeSpan delay, string error);

    [LoggerMessage(403, LogLevel.Critical, "{Service} failed and stopped the agent; exiting with code {ExitCode}")]
    public static partial void StoppedByFailure(this ILogger logger, string service, int exitCode, Exception exception);

    // 420-449: what cannot be forwarded never holds up the link.
    [LoggerMessage(420, LogLevel.Error, "Message {MessageId} from {Queue} could not even be parked on {ParkingQueue} ({Error}); NACKed to the broker's dead-letter handling, which may drop it if non-persistent. Why it was not forwarded: {Reason}")]
    public static partial void ParkRefusedNacked(this ILogger logger, string queue, string messageId, string parkingQueue, string reason, string error);

    [LoggerMessage(421, LogLevel.Information, "Holding {Count} message(s) of {Queue} for {Delay} after a refusal; the other queues keep flowing")]
    public static partial void QueueHeld(this ILogger logger, string queue, int count, TimeSpan delay);

    [LoggerMessage(422, LogLevel.Warning, "Reconnecting the source: a message parked from {Queue} may have taken in the next message's frame, which the broker delivers again on a new connection")]
    public static partial void SourceReconnectingAfterSwallowedFrame(this ILogger logger, string queue);

    [LoggerMessage(530, LogLevel.Information, "Effective configuration: {Configuration}")]
    public static partial void EffectiveConfiguration(this ILogger logger, string configuration);
}
