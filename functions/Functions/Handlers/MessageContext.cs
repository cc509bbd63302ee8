using Functions.Runtime.Runtime;

namespace Functions.Handlers;

/// <summary>Everything a handler may want to know about the message it is given, besides its body.</summary>
internal sealed record MessageContext
{
    /// <summary>The id the broker that delivered the message gave it (<c>messageID</c>); new on every broker hop.</summary>
    public string? MessageId { get; init; }

    /// <summary>
    /// The id the message had at its origin: the forwarder's <c>fwd_origin_id</c> property when present, else
    /// <see cref="MessageId"/>. Use it as the idempotency key for side effects.
    /// </summary>
    public required string OriginalId { get; init; }

    /// <summary>The queue the message was read from.</summary>
    public string? Queue { get; init; }

    /// <summary><c>jms/text-message</c> or <c>jms/bytes-message</c> for ActiveMQ; the content type for RabbitMQ.</summary>
    public string? MessageType { get; init; }

    public string? CorrelationId { get; init; }

    /// <summary>JMS/AMQP delivery mode: 1 non-persistent, 2 persistent.</summary>
    public int? DeliveryMode { get; init; }

    /// <summary>JMSType, or the AMQP <c>type</c>.</summary>
    public string? Type { get; init; }

    /// <summary>JMSReplyTo, or the AMQP <c>replyTo</c>.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>JMS priority (0–9), or the AMQP priority.</summary>
    public int? Priority { get; init; }

    /// <summary>JMSExpiration (epoch milliseconds, 0 = never) as decimal text, or the AMQP expiration as sent.</summary>
    public string? Expiration { get; init; }

    /// <summary>JMSTimestamp (epoch milliseconds) as decimal text, or the AMQP timestamp as sent.</summary>
    public string? Timestamp { get; init; }

    /// <summary>The broker is delivering the message again (an earlier attempt may have run, or not).</summary>
    public bool Redelivered { get; init; }

    /// <summary>The message's custom properties (JMS properties, or AMQP headers as text).</summary>
    public required IReadOnlyDictionary<string, string> Properties { get; init; }

    /// <summary><c>aws:mq</c> or <c>aws:rmq</c>.</summary>
    public string? EventSource { get; init; }

    /// <summary>The broker's ARN.</summary>
    public string? BrokerArn { get; init; }

    /// <summary>The invocation: request id, deadline, logger.</summary>
    public required ILambdaContext Lambda { get; init; }
}
