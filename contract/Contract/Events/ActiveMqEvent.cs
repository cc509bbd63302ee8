using System.Text.Json.Serialization;

namespace Contract.Events;

/// <summary>
/// The event an Amazon MQ (ActiveMQ) event source mapping sends: <c>eventSource</c> <c>aws:mq</c> (<c>aws:amq</c>
/// in older samples) and a batch of messages. Read it with <see cref="MqEventSerializerContext"/>.
/// </summary>
public sealed record ActiveMqEvent
{
    /// <summary><see cref="MqEventSource.ActiveMq"/> (or <see cref="MqEventSource.LegacyActiveMq"/> in older samples).</summary>
    [JsonPropertyName("eventSource")]
    public string? EventSource { get; set; }

    /// <summary>The broker ARN, <c>arn:aws:mq:&lt;region&gt;:&lt;account&gt;:broker:&lt;name&gt;:&lt;id&gt;</c>.</summary>
    [JsonPropertyName("eventSourceArn")]
    public string? EventSourceArn { get; set; }

    /// <summary>The batch, in the order the broker delivered it. Required: an event without it is malformed.</summary>
    [JsonPropertyName("messages")]
    public required IReadOnlyList<ActiveMqMessage> Messages { get; set; }
}
