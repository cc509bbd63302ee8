using System.Globalization;
using System.Numerics;
using Contract.Events;
using Contract.Text;

namespace LocalEventSource.Events;

/// <summary>
/// Builds the <c>aws:mq</c> event Lambda's event source mapping sends for Amazon MQ (ActiveMQ) from the messages
/// received over STOMP, and writes it with <see cref="LambdaEventWriter"/>: the field names and JSON types of AWS's
/// real events (the samples in events/), <c>data</c> as base64 of the body bytes (text converted from modified UTF-8
/// to UTF-8).
/// </summary>
/// <remarks>
/// STOMP carries no broker in/out times. <c>brokerInTime</c> is the JMS <c>timestamp</c> (when the producer — or, after
/// the forwarder, the on-prem producer — stamped it; 0 when absent) and <c>brokerOutTime</c> the moment this event
/// source received the frame. <c>replyTo</c> is written as ActiveMQ prints a destination (<c>queue://X</c>), or null.
/// </remarks>
internal static class MqEventWriter
{
    // Headers that are JMS header fields (or STOMP plumbing) and so are not JMS properties.
    private static readonly HashSet<string> NotProperties = new(StringComparer.Ordinal)
    {
        "message-id", "destination", "subscription", "ack", "content-length", "content-type", "expires", "priority",
        "persistent", "redelivered", "timestamp", "correlation-id", "reply-to", "type", "receipt",
    };

    /// <summary>Serialises one batch as the UTF-8 JSON of an <c>aws:mq</c> event.</summary>
    public static byte[] Write(IReadOnlyList<ReceivedMessage> messages, string eventSourceArn)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return LambdaEventWriter.Write(new ActiveMqEvent
        {
            EventSource = MqEventSource.ActiveMq,
            EventSourceArn = eventSourceArn,
            Messages = [.. messages.Select(ToActiveMqMessage)],
        });
    }

    private static ActiveMqMessage ToActiveMqMessage(ReceivedMessage message)
    {
        var h = message.Headers;
        var timestamp = Number(h, "timestamp", 0L);
        var body = message.IsBytesMessage ? message.Body : ModifiedUtf8.ToUtf8(message.Body);
        return new ActiveMqMessage
        {
            MessageId = message.MessageId,
            MessageType = message.IsBytesMessage ? ActiveMqMessage.BytesMessageType : ActiveMqMessage.TextMessageType,
            DeliveryMode = h.TryGetValue("persistent", out var p) && p == "true" ? 2 : 1,
            ReplyTo = ToActiveMqDestination(h.GetValueOrDefault("reply-to")),
            Type = h.GetValueOrDefault("type"),
            Expiration = Number(h, "expires", 0L),
            Priority = Number(h, "priority", 4),
            CorrelationId = h.GetValueOrDefault("correlation-id"),
            Redelivered = message.Redelivered,
            Destination = new ActiveMqDestination { PhysicalName = PhysicalName(message.Destination) },
            Data = MessageData.FromBytes(body.Span),
            Timestamp = timestamp,
            BrokerInTime = timestamp,
            BrokerOutTime = message.ReceivedAt,
            Properties = h.Where(kv => !NotProperties.Contains(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .ToDictionary(StringComparer.Ordinal),
        };
    }

    /// <summary><c>/queue/orders</c> → <c>orders</c>.</summary>
    internal static string PhysicalName(string destination)
    {
        var slash = destination.IndexOf('/', 1);
        return destination.StartsWith('/') && slash > 0 ? destination[(slash + 1)..] : destination;
    }

    /// <summary><c>/queue/X</c> → <c>queue://X</c> (and topic, temp-queue, temp-topic); anything else unchanged.</summary>
    internal static string? ToActiveMqDestination(string? stompDestination)
    {
        if (string.IsNullOrEmpty(stompDestination))
        {
            return null;
        }

        var slash = stompDestination.IndexOf('/', 1);
        return stompDestination.StartsWith('/') && slash > 0
            ? string.Concat(stompDestination.AsSpan(1, slash - 1), "://", stompDestination.AsSpan(slash + 1))
            : stompDestination;
    }

    private static T Number<T>(IReadOnlyDictionary<string, string> headers, string name, T fallback)
        where T : IBinaryInteger<T> =>
        headers.TryGetValue(name, out var text) && T.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : fallback;
}
