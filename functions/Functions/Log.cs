using Microsoft.Extensions.Logging;

namespace Functions;

/// <summary>The sample handlers' log lines, with stable event ids (never reuse one; 1xxx–3xxx and 4100–4149 are the framework's).</summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Information, "Order {OrderId} for customer {CustomerId} accepted: {Lines} lines, total {Total} {Currency}")]
    public static partial void OrderAccepted(this ILogger logger, string orderId, string customerId, int lines, decimal total, string currency);

    [LoggerMessage(4002, LogLevel.Information, "Echo of message {MessageId} (original {OriginalId}): {Bytes} bytes: {Preview}")]
    public static partial void EchoReceived(this ILogger logger, string messageId, string originalId, int bytes, string preview);
}
