using System.Text.Json.Serialization;

namespace Contract.Events;

/// <summary>
/// The event an Amazon MQ (RabbitMQ) event source mapping sends: <c>eventSource</c> <c>aws:rmq</c> and the
/// messages grouped by <c>"&lt;queue&gt;::&lt;virtual host&gt;"</c>.
/// </summary>
public sealed record RabbitMqEvent
{
    /// <summary><see cref="MqEventSource.RabbitMq"/>.</summary>
    [JsonPropertyName("eventSource")]
    public string? EventSource { get; set; }

    /// <summary>The broker ARN.</summary>
    [JsonPropertyName("eventSourceArn")]
    public string? EventSourceArn { get; set; }

    /// <summary>Messages by <c>"queue::vhost"</c> key (see <see cref="SplitQueueKey"/>). Required.</summary>
    [JsonPropertyName("rmqMessagesByQueue")]
    public required IReadOnlyDictionary<string, IReadOnlyList<RabbitMqMessage>> RmqMessagesByQueue { get; set; }

    /// <summary>Splits a <see cref="RmqMessagesByQueue"/> key into queue and virtual host (empty when absent).</summary>
    public static (string Queue, string VirtualHost) SplitQueueKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var separator = key.LastIndexOf("::", StringComparison.Ordinal);
        return separator < 0 ? (key, string.Empty) : (key[..separator], key[(separator + 2)..]);
    }
}
