using System.Text.Json;
using System.Text.Json.Serialization;
using Functions.Runtime.Events.Serialization;

namespace Functions.Runtime.Events;

/// <summary>AMQP basic properties of a <see cref="RabbitMqMessage"/>, as Lambda sends them.</summary>
public sealed record RabbitMqBasicProperties
{
    [JsonPropertyName("contentType")]
    public string? ContentType { get; init; }

    [JsonPropertyName("contentEncoding")]
    public string? ContentEncoding { get; init; }

    /// <summary>Headers as arbitrary JSON: byte arrays arrive as <c>{"bytes":[...]}</c>, numbers as numbers.</summary>
    [JsonPropertyName("headers")]
    public IReadOnlyDictionary<string, JsonElement>? Headers { get; init; }

    [JsonPropertyName("deliveryMode")]
    [JsonConverter(typeof(FlexibleInt32Converter))]
    public int? DeliveryMode { get; init; }

    [JsonPropertyName("priority")]
    [JsonConverter(typeof(FlexibleInt32Converter))]
    public int? Priority { get; init; }

    [JsonPropertyName("correlationId")]
    public string? CorrelationId { get; init; }

    [JsonPropertyName("replyTo")]
    [JsonConverter(typeof(NullLiteralStringConverter))]
    public string? ReplyTo { get; init; }

    /// <summary>AMQP expiration, a string of milliseconds (sent as a string, sometimes as a number).</summary>
    [JsonPropertyName("expiration")]
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Expiration { get; init; }

    [JsonPropertyName("messageId")]
    public string? MessageId { get; init; }

    /// <summary>A formatted date such as <c>"Jan 1, 1970, 12:33:41 AM"</c>, kept as sent.</summary>
    [JsonPropertyName("timestamp")]
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Timestamp { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("userId")]
    public string? UserId { get; init; }

    [JsonPropertyName("appId")]
    public string? AppId { get; init; }

    [JsonPropertyName("clusterId")]
    public string? ClusterId { get; init; }

    [JsonPropertyName("bodySize")]
    [JsonConverter(typeof(FlexibleInt32Converter))]
    public int? BodySize { get; init; }
}
