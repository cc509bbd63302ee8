using Stomp;

namespace Forwarder.Bridge;

/// <summary>A message received from a source queue, not yet acknowledged.</summary>
/// <param name="Queue">
/// The physical queue name it came from, known from the subscription (a frame's <c>destination</c> can be a JMS
/// property). For a frame from a wildcard subscription whose <c>destination</c> the link does not forward, see
/// <see cref="Unroutable"/>.
/// </param>
/// <param name="MessageId">The source broker's <c>message-id</c>.</param>
/// <param name="Headers">Every header of the MESSAGE frame, unescaped, in frame order.</param>
/// <param name="Body">The body bytes exactly as the broker sent them.</param>
/// <param name="HasContentLength">True for a JMS BytesMessage: the frame carried <c>content-length</c>.</param>
/// <param name="Redelivered">The broker marked it <c>redelivered:true</c>.</param>
internal sealed record InboundMessage(
    string Queue,
    string MessageId,
    StompHeaders Headers,
    ReadOnlyMemory<byte> Body,
    bool HasContentLength,
    bool Redelivered)
{
    /// <summary>
    /// When the agent read it from the source (a <see cref="TimeProvider.GetTimestamp"/> value, monotonic); 0 when the
    /// source does not say. The forward-latency histogram measures from here to the target's receipt.
    /// </summary>
    public long ArrivedAt { get; init; }

    /// <summary>What the source adapter needs to acknowledge this message (its own frame object).</summary>
    public object? AckToken { get; init; }

    /// <summary>Headers the client dropped for breaking its limits (e.g. a 20 KiB property): the message is incomplete.</summary>
    public IReadOnlyList<string> DroppedHeaders { get; init; } = [];

    /// <summary>
    /// Why the source queue is not known (a wildcard subscription delivered it with a <c>destination</c> that is not
    /// a queue the link forwards): the message is parked on-prem, not forwarded, and <see cref="Queue"/> is only the
    /// wildcard's literal part, which names the parking queue.
    /// </summary>
    public string? Unroutable { get; init; }

    /// <summary>The first value of <paramref name="name"/>, or null.</summary>
    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
