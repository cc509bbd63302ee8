namespace Stomp;

/// <summary>Options of one SUBSCRIBE.</summary>
public sealed record StompSubscribeOptions
{
    public StompAckMode AckMode { get; init; } = StompAckMode.ClientIndividual;

    /// <summary>
    /// ActiveMQ's <c>activemq.prefetchSize</c>: most unacknowledged messages the broker sends to this subscription.
    /// Null leaves the broker's default.
    /// </summary>
    public int? Prefetch { get; init; }

    /// <summary>Further SUBSCRIBE headers, e.g. <c>selector</c>, <c>transformation</c>, <c>browser</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>
    /// Waits for the broker's RECEIPT of the SUBSCRIBE (the default). Turn it off for an ActiveMQ wildcard
    /// destination: with a receipt, ActiveMQ 5.17 subscribes with prefetch 0 and then raises the prefetch by a
    /// ConsumerControl addressed to the wildcard itself, which wakes no matching queue (and creates a queue named
    /// like the wildcard, AMQ-9475), so messages already stored are not dispatched until something else wakes each
    /// queue. Without a receipt an error arrives as an ERROR frame, which ends the connection.
    /// </summary>
    public bool Receipt { get; init; } = true;

    /// <summary>The subscription id; a unique one is made when null.</summary>
    public string? Id { get; init; }
}
