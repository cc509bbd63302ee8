namespace Functions.Framework;

/// <summary>
/// The JMS headers of a message, as Amazon MQ delivers them; for RabbitMQ, the AMQP basic properties that match
/// them. Immutable.
/// </summary>
/// <remarks>
/// Not sealed only so that the dead-letter provenance can derive from it and stay one flat JSON object.
/// </remarks>
public record MessageHeaders
{
    /// <summary>JMSCorrelationID, or the AMQP <c>correlationId</c>.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>JMS/AMQP delivery mode: 1 non-persistent, 2 persistent.</summary>
    public int? DeliveryMode { get; init; }

    /// <summary><c>jms/text-message</c> or <c>jms/bytes-message</c> for ActiveMQ; the content type for RabbitMQ.</summary>
    public string? MessageType { get; init; }

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
}
