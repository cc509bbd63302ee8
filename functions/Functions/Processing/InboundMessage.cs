using Functions.Runtime.Events;

namespace Functions.Processing;

/// <summary>One message of a batch, the same for ActiveMQ and RabbitMQ; built by <see cref="MqEventReader"/>.</summary>
internal sealed record InboundMessage
{
    /// <summary>The broker's id for this delivery; for RabbitMQ without a <c>messageId</c>, a hash (see <see cref="MqEventReader"/>).</summary>
    public required string MessageId { get; init; }

    /// <summary>The idempotency key: the <c>fwd_origin_id</c> property when present, else <see cref="MessageId"/>.</summary>
    public required string OriginalId { get; init; }

    public required MessageData Data { get; init; }
    public string? Queue { get; init; }
    public string? MessageType { get; init; }
    public string? CorrelationId { get; init; }
    public int? DeliveryMode { get; init; }
    public bool Redelivered { get; init; }
    public required IReadOnlyDictionary<string, string> Properties { get; init; }
}
