using System.Text.Json;
using System.Text.Json.Serialization;
using Contract.Events.Serialization;

namespace Contract.Events;

/// <summary>AMQP basic properties of a <see cref="RabbitMqMessage"/>, as Lambda sends them.</summary>
public sealed record RabbitMqBasicProperties
{
    /// <summary>AMQP content type, e.g. <c>text/plain</c>.</summary>
    [JsonPropertyName("contentType")]
    public string? ContentType { get; init; }

    /// <summary>AMQP content encoding, often null.</summary>
    [JsonPropertyName("contentEncoding")]
    public string? ContentEncoding { get; init; }

    /// <summary>Headers as arbitrary JSON: byte arrays arrive as <c>{"bytes":[...]}</c>, numbers as numbers.</summary>
    [JsonPropertyName("headers")]
    public IReadOnlyDictionary<string, JsonElement>? Headers { get; init; }

    /// <summary>AMQP delivery mode: 1 non-persistent, 2 persistent.</summary>
    [JsonPropertyName("deliveryMode")]
    [JsonConverter(typeof(FlexibleInt32Converter))]
    public int? DeliveryMode { get; init; }

    /// <summary>AMQP priority.</summary>
    [JsonPropertyName("priority")]
    [JsonConverter(typeof(FlexibleInt32Converter))]
    public int? Priority { get; init; }

    /// <summary>AMQP correlation id.</summary>
    [JsonPropertyName("correlationId")]
    public string? CorrelationId { get; init; }

    /// <summary>AMQP reply-to; the string <c>"null"</c> reads as null.</summary>
    [JsonPropertyName("replyTo")]
    [JsonConverter(typeof(NullLiteralStringConverter))]
    public string? ReplyTo { get; init; }

    /// <summary>AMQP expiration, a string of milliseconds (sent as a string, sometimes as a number).</summary>
    [JsonPropertyName("expiration")]
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Expiration { get; init; }

    /// <summary>AMQP message id, often null.</summary>
    [JsonPropertyName("messageId")]
    public string? MessageId { get; init; }

    /// <summary>A formatted date such as <c>"Jan 1, 1970, 12:33:41 AM"</c>, kept as sent.</summary>
    [JsonPropertyName("timestamp")]
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Timestamp { get; init; }

    /// <summary>AMQP message type.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>AMQP user id of the publisher.</summary>
    [JsonPropertyName("userId")]
    public string? UserId { get; init; }

    /// <summary>AMQP application id.</summary>
    [JsonPropertyName("appId")]
    public string? AppId { get; init; }

    /// <summary>AMQP cluster id (deprecated in AMQP 0-9-1, sent as null).</summary>
    [JsonPropertyName("clusterId")]
    public string? ClusterId { get; init; }

    /// <summary>The body size in bytes.</summary>
    [JsonPropertyName("bodySize")]
    [JsonConverter(typeof(FlexibleInt32Converter))]
    public int? BodySize { get; init; }
}
