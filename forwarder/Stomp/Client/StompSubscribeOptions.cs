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

    /// <summary>The subscription id; a unique one is made when null.</summary>
    public string? Id { get; init; }
}
