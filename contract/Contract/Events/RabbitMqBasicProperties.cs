using System.Text.Json;
using System.Text.Json.Serialization;
using Contract.Events.Serialization;

namespace Contract.Events;

/// <summary>AMQP basic properties of a <see cref="RabbitMqMessage"/>, as Lambda sends them.</summary>
public sealed record RabbitMqBasicProperties
{
    /// <summary>AMQP content type, e.g. <c>text/plain</c>.</summary>
    [JsonPropertyName("contentType")]
    public string? ContentType { get; set; }

    /// <summary>AMQP content encoding, often null.</summary>
    [JsonPropertyName("contentEncoding")]
    public string? ContentEncoding { get; set; }

    /// <summary>Headers as arbitrary JSON: byte arrays arrive as <c>{"bytes":[...]}</c>, numbers as numbers.</summary>
    [JsonPropertyName("headers")]
    public IReadOnlyDictionary<string, JsonElement>? Headers { get; set; }

    /// <summary>AMQP delivery mode: 1 non-persistent, 2 persistent.</summary>
    [JsonPropertyName("deliveryMode")]
    [JsonConverter(typeof(FlexibleInt32Converter))]
    public int? DeliveryMode { get; set; }

    /// <summary>AMQP priority.</summary>
    [JsonPropertyName("priority")]
    [JsonConverter(typeof(FlexibleInt32Converter))]
    public int? Priority { get; set; }

    /// <summary>AMQP correlation id.</summary>
    [JsonPropertyName("correlationId")]
    public string? CorrelationId { get; set; }

    /// <summary>AMQP reply-to; the string <c>"null"</c> reads as null.</summary>
    [JsonPropertyName("replyTo")]
    [JsonConverter(typeof(NullLiteralStringConverter))]
    public string? ReplyTo { get; set; }

    /// <summary>AMQP expiration, a string of milliseconds (sent as a string, sometimes as a number).</summary>
    [JsonPropertyName("expiration")]
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Expiration { get; set; }

    /// <summary>AMQP message id, often null.</summary>
    [JsonPropertyName("messageId")]
    public string? MessageId { get; set; }

    /// <summary>A formatted date such as <c>"Jan 1, 1970, 12:33:41 AM"</c>, kept as sent.</summary>
    [JsonPropertyName("timestamp")]
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Timestamp { get; set; }

    /// <summary>AMQP message type.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>AMQP user id of the publisher.</summary>
    [JsonPropertyName("userId")]
    public string? UserId { get; set; }

    /// <summary>AMQP application id.</summary>
    [JsonPropertyName("appId")]
    public string? AppId { get; set; }

    /// <summary>AMQP cluster id (deprecated in AMQP 0-9-1, sent as null).</summary>
    [JsonPropertyName("clusterId")]
    public string? ClusterId { get; set; }

    /// <summary>The body size in bytes.</summary>
    [JsonPropertyName("bodySize")]
    [JsonConverter(typeof(FlexibleInt32Converter))]
    public int? BodySize { get; set; }
}
