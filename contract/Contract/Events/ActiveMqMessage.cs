using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Contract.Events.Serialization;

namespace Contract.Events;

/// <summary>
/// One ActiveMQ message of an <see cref="ActiveMqEvent"/>. Field names and types follow what Lambda sends; the
/// variants AWS's own samples use (<c>correlationId</c>, <c>physicalname</c>, numbers as strings, <c>"null"</c>)
/// are accepted when reading. Everything but the body is optional.
/// </summary>
public sealed record ActiveMqMessage
{
    private MessageData? _data;

    /// <summary>A text message (<c>jms/text-message</c>).</summary>
    public const string TextMessageType = "jms/text-message";

    /// <summary>A bytes message (<c>jms/bytes-message</c>).</summary>
    public const string BytesMessageType = "jms/bytes-message";

    /// <summary>The JMSMessageID assigned by the broker that delivered it (a new one on every broker hop).</summary>
    [JsonPropertyName("messageID")]
    public string? MessageId { get; set; }

    /// <summary><see cref="TextMessageType"/> or <see cref="BytesMessageType"/>.</summary>
    [JsonPropertyName("messageType")]
    [JsonConverter(typeof(MessageTypeConverter))]
    public string? MessageType { get; set; }

    /// <summary>JMS delivery mode: 1 non-persistent, 2 persistent.</summary>
    [JsonPropertyName("deliveryMode")]
    [JsonConverter(typeof(FlexibleInt32Converter))]
    public int? DeliveryMode { get; set; }

    /// <summary>JMSReplyTo; Lambda sends the string <c>"null"</c> when there is none, which reads as null.</summary>
    [JsonPropertyName("replyTo")]
    [JsonConverter(typeof(NullLiteralStringConverter))]
    public string? ReplyTo { get; set; }

    /// <summary>JMSType.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>JMSExpiration, epoch milliseconds; 0 means never.</summary>
    [JsonPropertyName("expiration")]
    [JsonConverter(typeof(FlexibleInt64Converter))]
    public long? Expiration { get; set; }

    /// <summary>JMSPriority, 0–9.</summary>
    [JsonPropertyName("priority")]
    [JsonConverter(typeof(FlexibleInt32Converter))]
    public int? Priority { get; set; }

    /// <summary>JMSCorrelationID (<c>correlationID</c>, or <c>correlationId</c> in the docs).</summary>
    [JsonPropertyName("correlationID")]
    public string? CorrelationId { get; set; }

    /// <summary>JMSRedelivered: the broker is delivering this message again.</summary>
    [JsonPropertyName("redelivered")]
    public bool? Redelivered { get; set; }

    /// <summary>The queue the message was read from.</summary>
    [JsonPropertyName("destination")]
    public ActiveMqDestination? Destination { get; set; }

    /// <summary>The body; see <see cref="DecodeBody"/>, <see cref="DecodeText"/> and <see cref="DecodeJson{T}"/>.</summary>
    [JsonPropertyName("data")]
    [JsonConverter(typeof(MessageDataConverter))]
    public MessageData Data
    {
        // Absent from the JSON, or set to null: Missing.
        get => _data ?? MessageData.Missing;
        set => _data = value;
    }

    /// <summary>JMSTimestamp, epoch milliseconds.</summary>
    [JsonPropertyName("timestamp")]
    [JsonConverter(typeof(FlexibleInt64Converter))]
    public long? Timestamp { get; set; }

    /// <summary>When the broker received the message, epoch milliseconds.</summary>
    [JsonPropertyName("brokerInTime")]
    [JsonConverter(typeof(FlexibleInt64Converter))]
    public long? BrokerInTime { get; set; }

    /// <summary>When the broker dispatched the message, epoch milliseconds.</summary>
    [JsonPropertyName("brokerOutTime")]
    [JsonConverter(typeof(FlexibleInt64Converter))]
    public long? BrokerOutTime { get; set; }

    /// <summary>JMS custom properties; values that were not JSON strings are kept as their JSON text.</summary>
    [JsonPropertyName("properties")]
    [JsonConverter(typeof(StringPropertiesConverter))]
    public IReadOnlyDictionary<string, string>? Properties { get; set; }

    /// <summary>The consumer's connection id; only in older documentation samples, so not written when null.</summary>
    [JsonPropertyName("connectionId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConnectionId { get; set; }

    /// <summary>Whether the message is persistent; only in older documentation samples (Lambda sends <see cref="DeliveryMode"/>), so not written when null.</summary>
    [JsonPropertyName("persistent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Persistent { get; set; }

    /// <summary>True for <see cref="TextMessageType"/>.</summary>
    [JsonIgnore]
    public bool IsText => string.Equals(MessageType, TextMessageType, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for <see cref="BytesMessageType"/>.</summary>
    [JsonIgnore]
    public bool IsBytes => string.Equals(MessageType, BytesMessageType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The body bytes (a copy). Throws <see cref="MessageBodyException"/> when data is missing or not base64.</summary>
    public byte[] DecodeBody() => MessageBodyReader.DecodeBody(Data, MessageId);

    /// <summary>The body bytes (a copy), or false with the reason.</summary>
    public bool TryDecodeBody(out byte[] body, out string? error) => MessageBodyReader.TryDecodeBody(Data, out body, out error);

    /// <summary>The body as UTF-8 text. Throws <see cref="MessageBodyException"/> for invalid base64 or invalid UTF-8.</summary>
    public string DecodeText() => MessageBodyReader.DecodeText(Data, MessageId);

    /// <summary>The body as JSON. Throws <see cref="MessageBodyException"/> when it is not a valid <typeparamref name="T"/>.</summary>
    public T DecodeJson<T>(JsonTypeInfo<T> typeInfo) => MessageBodyReader.DecodeJson(Data, MessageId, typeInfo);
}
