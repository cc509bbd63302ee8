using Microsoft.Extensions.Logging;

namespace Stomp;

/// <summary>Every log line of the STOMP client (stable event ids 1-99).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "STOMP {Version} connected to {Endpoint} ({Server}); heart-beat send {SendHeartBeatMs} ms, expect {ExpectHeartBeatMs} ms")]
    public static partial void Connected(this ILogger logger, Uri endpoint, string version, string server, long sendHeartBeatMs, long expectHeartBeatMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "STOMP connection to {Endpoint} lost: {Reason}")]
    public static partial void ConnectionLost(this ILogger logger, Uri endpoint, string reason, Exception? exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "STOMP connection to {Endpoint} closed")]
    public static partial void Disconnected(this ILogger logger, Uri endpoint);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "Broker {Endpoint} answered ERROR for receipt {ReceiptId}: {ErrorMessage}")]
    public static partial void ErrorFrame(this ILogger logger, Uri endpoint, string receiptId, string errorMessage);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "TLS host-name check is OFF for {Endpoint}: any certificate from the trusted CA is accepted as this broker")]
    public static partial void HostNameCheckDisabled(this ILogger logger, Uri endpoint);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug,
        Message = "Dropped message {MessageId} for closed subscription {SubscriptionId}; the broker redelivers it if unacknowledged")]
    public static partial void MessageForClosedSubscription(this ILogger logger, string messageId, string subscriptionId);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Ignored unexpected {Command} frame from {Endpoint}")]
    public static partial void UnexpectedFrame(this ILogger logger, string command, Uri endpoint);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "DISCONNECT from {Endpoint} was not confirmed: {Reason}")]
    public static partial void DisconnectNotConfirmed(this ILogger logger, Uri endpoint, string reason);
}
