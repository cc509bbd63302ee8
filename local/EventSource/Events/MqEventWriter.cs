using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Contract.Text;

namespace LocalEventSource.Events;

/// <summary>
/// Writes the <c>aws:mq</c> event Lambda's event source mapping sends for Amazon MQ (ActiveMQ), with the field names
/// and JSON types of AWS's real events (aws-lambda-mq.md §1.4): <c>messageID</c>, <c>correlationID</c>, numeric
/// <c>expiration</c>, <c>data</c> as base64 of the body bytes (text converted from modified UTF-8 to UTF-8).
/// </summary>
/// <remarks>
/// STOMP carries no broker in/out times. <c>brokerInTime</c> is the JMS <c>timestamp</c> (when the producer — or, after
/// the forwarder, the on-prem producer — stamped it; 0 when absent) and <c>brokerOutTime</c> the moment this event
/// source received the frame. <c>replyTo</c> is written as ActiveMQ prints a destination (<c>queue://X</c>), or null.
/// </remarks>
internal static class MqEventWriter
{
    public const string EventSource = "aws:mq";

    // Headers that are JMS header fields (or STOMP plumbing) and so are not JMS properties.
    private static readonly HashSet<string> NotProperties = new(StringComparer.Ordinal)
    {
        "message-id", "destination", "subscription", "ack", "content-length", "content-type", "expires", "priority",
        "persistent", "redelivered", "timestamp", "correlation-id", "reply-to", "type", "receipt",
    };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // AWS sends non-ASCII unescaped; the relaxed encoder still escapes quotes, backslashes and control characters.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>Serialises one batch as the UTF-8 JSON of an <c>aws:mq</c> event.</summary>
    public static byte[] Write(IReadOnlyList<ReceivedMessage> messages, string eventSourceArn)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("eventSource", EventSource);
            json.WriteString("eventSourceArn", eventSourceArn);
            json.WriteStartArray("messages");
            foreach (var message in messages)
            {
                WriteMessage(json, message);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteMessage(Utf8JsonWriter json, ReceivedMessage message)
    {
        var h = message.Headers;
        json.WriteStartObject();
        json.WriteString("messageID", message.MessageId);
        json.WriteString("messageType", message.IsBytesMessage ? "jms/bytes-message" : "jms/text-message");
        json.WriteNumber("deliveryMode", h.TryGetValue("persistent", out var p) && p == "true" ? 2 : 1);
        WriteStringOrNull(json, "correlationID", h.GetValueOrDefault("correlation-id"));
        WriteStringOrNull(json, "replyTo", ToActiveMqDestination(h.GetValueOrDefault("reply-to")));
        WriteStringOrNull(json, "type", h.GetValueOrDefault("type"));
        json.WriteNumber("expiration", Number(h, "expires"));
        json.WriteNumber("priority", Number(h, "priority", fallback: 4));
        json.WriteBoolean("redelivered", message.Redelivered);
        var timestamp = Number(h, "timestamp");
        json.WriteNumber("timestamp", timestamp);
        json.WriteNumber("brokerInTime", timestamp);
        json.WriteNumber("brokerOutTime", message.ReceivedAt);
        json.WriteStartObject("properties");
        foreach (var (key, value) in h.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!NotProperties.Contains(key))
            {
                json.WriteString(key, value);
            }
        }

        json.WriteEndObject();
        json.WriteStartObject("destination");
        json.WriteString("physicalName", PhysicalName(message.Destination));
        json.WriteEndObject();
        var body = message.IsBytesMessage ? message.Body : ModifiedUtf8.ToUtf8(message.Body);
        json.WriteBase64String("data", body.Span);
        json.WriteEndObject();
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

    private static long Number(IReadOnlyDictionary<string, string> headers, string name, long fallback = 0) =>
        headers.TryGetValue(name, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : fallback;

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
