using Microsoft.Extensions.Logging;

namespace Stomp;

/// <summary>
/// Every log line of the STOMP client. Event ids are 5001-5999, stable (never renumber or reuse one), and apart
/// from those of the programs that host the client in the same process: the forwarder's 1-999, the local event
/// source's 1001-1999 and the local pipeline's 2001-2999.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "STOMP {Version} connected to {Endpoint} ({Server}); heart-beat send {SendHeartBeatMs} ms, expect {ExpectHeartBeatMs} ms")]
    public static partial void Connected(this ILogger logger, Uri endpoint, string version, string server, long sendHeartBeatMs, long expectHeartBeatMs);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "STOMP connection to {Endpoint} lost: {Reason}")]
    public static partial void ConnectionLost(this ILogger logger, Uri endpoint, string reason, Exception? exception);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "STOMP connection to {Endpoint} closed")]
    public static partial void Disconnected(this ILogger logger, Uri endpoint);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning,
        Message = "Broker {Endpoint} answered ERROR for receipt {ReceiptId}: {ErrorMessage}")]
    public static partial void ErrorFrame(this ILogger logger, Uri endpoint, string receiptId, string errorMessage);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning,
        Message = "TLS host-name check is OFF for {Endpoint}: any certificate from the trusted CA is accepted as this broker")]
    public static partial void HostNameCheckDisabled(this ILogger logger, Uri endpoint);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Debug,
        Message = "Dropped message {MessageId} for closed subscription {SubscriptionId}; the broker redelivers it if unacknowledged")]
    public static partial void MessageForClosedSubscription(this ILogger logger, string messageId, string subscriptionId);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Ignored unexpected {Command} frame from {Endpoint}")]
    public static partial void UnexpectedFrame(this ILogger logger, string command, Uri endpoint);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "DISCONNECT from {Endpoint} was not confirmed: {Reason}")]
    public static partial void DisconnectNotConfirmed(this ILogger logger, Uri endpoint, string reason);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Debug,
        Message = "A MESSAGE from {Endpoint} waits for more body than its content-length left, with a NUL already received; probing with receipt {ReceiptId} whether the length is a forged JMS property")]
    public static partial void ContentLengthProbe(this ILogger logger, Uri endpoint, string receiptId);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "The content-length probe {ReceiptId} to {Endpoint} failed: {Reason}")]
    public static partial void ContentLengthProbeFailed(this ILogger logger, Uri endpoint, string receiptId, string reason);
}
