namespace Contract.Events;

/// <summary>Which broker engine an Amazon MQ event comes from.</summary>
public enum MqEventKind
{
    /// <summary>Neither an ActiveMQ nor a RabbitMQ event.</summary>
    Unknown,

    /// <summary><c>aws:mq</c> (or the older <c>aws:amq</c>): read as <see cref="ActiveMqEvent"/>.</summary>
    ActiveMq,

    /// <summary><c>aws:rmq</c>: read as <see cref="RabbitMqEvent"/>.</summary>
    RabbitMq,
}
