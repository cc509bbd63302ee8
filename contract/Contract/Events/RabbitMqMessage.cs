using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Contract.Events.Serialization;

namespace Contract.Events;

/// <summary>One RabbitMQ message of a <see cref="RabbitMqEvent"/>.</summary>
public sealed record RabbitMqMessage
{
    private MessageData? _data;

    /// <summary>The AMQP basic properties.</summary>
    [JsonPropertyName("basicProperties")]
    public RabbitMqBasicProperties? BasicProperties { get; set; }

    /// <summary>The broker is delivering this message again.</summary>
    [JsonPropertyName("redelivered")]
    public bool? Redelivered { get; set; }

    /// <summary>The body; see <see cref="DecodeBody"/>, <see cref="DecodeText"/> and <see cref="DecodeJson{T}"/>.</summary>
    [JsonPropertyName("data")]
    [JsonConverter(typeof(MessageDataConverter))]
    public MessageData Data
    {
        // Absent from the JSON, or set to null: Missing.
        get => _data ?? MessageData.Missing;
        set => _data = value;
    }

    /// <summary>The AMQP message id from the basic properties, often null.</summary>
    [JsonIgnore]
    public string? MessageId => BasicProperties?.MessageId;

    /// <summary>The body bytes (a copy). Throws <see cref="MessageBodyException"/> when data is missing or not base64.</summary>
    public byte[] DecodeBody() => MessageBodyReader.DecodeBody(Data, MessageId);

    /// <summary>The body bytes (a copy), or false with the reason.</summary>
    public bool TryDecodeBody(out byte[] body, out string? error) => MessageBodyReader.TryDecodeBody(Data, out body, out error);

    /// <summary>The body as UTF-8 text. Throws <see cref="MessageBodyException"/> for invalid base64 or invalid UTF-8.</summary>
    public string DecodeText() => MessageBodyReader.DecodeText(Data, MessageId);

    /// <summary>The body as JSON. Throws <see cref="MessageBodyException"/> when it is not a valid <typeparamref name="T"/>.</summary>
    public T DecodeJson<T>(JsonTypeInfo<T> typeInfo) => MessageBodyReader.DecodeJson(Data, MessageId, typeInfo);
}
