using Stomp;

namespace Forwarder.Bridge;

/// <summary>A message received from a source queue, not yet acknowledged.</summary>
/// <param name="Queue">The physical queue name it came from (from the frame's <c>destination</c>).</param>
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
    /// <summary>What the source adapter needs to acknowledge this message (its own frame object).</summary>
    public object? AckToken { get; init; }

    /// <summary>Headers the client dropped for breaking its limits (e.g. a 20 KiB property): the message is incomplete.</summary>
    public IReadOnlyList<string> DroppedHeaders { get; init; } = [];

    /// <summary>The first value of <paramref name="name"/>, or null.</summary>
    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
