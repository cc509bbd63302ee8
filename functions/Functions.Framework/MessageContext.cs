using Functions.Runtime.Runtime;

namespace Functions.Framework;

/// <summary>Everything a handler may want to know about the message it is given, besides its body. Immutable.</summary>
public sealed record MessageContext
{
    /// <summary>
    /// The id the broker that delivered the message gave it (<c>messageID</c>); new on every broker hop. A message
    /// without one gets <c>rmq-sha256:&lt;hex&gt;</c>, a hash of its queue, timestamp, correlation id and body.
    /// </summary>
    public required string MessageId { get; init; }

    /// <summary>
    /// The id the message had at its origin: the forwarder's <c>fwd_origin_id</c> property when present, else
    /// <see cref="MessageId"/>. Key side effects on it together with the origin queue (<c>fwd_origin_queue</c>, else
    /// <see cref="Queue"/>): copies of one send in several queues share it.
    /// </summary>
    public required string OriginalId { get; init; }

    /// <summary>The queue the message was read from.</summary>
    public string? Queue { get; init; }

    /// <summary>The message's JMS headers (for RabbitMQ, the matching AMQP properties).</summary>
    public required MessageHeaders Headers { get; init; }

    /// <summary>The message's custom properties (JMS properties, or AMQP headers as text).</summary>
    public required IReadOnlyDictionary<string, string> Properties { get; init; }

    /// <summary><c>aws:mq</c> or <c>aws:rmq</c>.</summary>
    public required string EventSource { get; init; }

    /// <summary>The broker's ARN.</summary>
    public string? BrokerArn { get; init; }

    /// <summary>The invocation: request id, deadline, logger.</summary>
    public required ILambdaContext Lambda { get; init; }
}
