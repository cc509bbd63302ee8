namespace Forwarder.Bridge;

/// <summary>
/// One live connection to the source broker with its subscriptions. Any failure of the connection surfaces as an
/// exception from these methods; the worker then disposes it and connects anew (unacknowledged messages return to
/// the queue and are redelivered).
/// </summary>
internal interface IMessageSource : IAsyncDisposable
{
    /// <summary>Map/object bodies arrive as labelled JSON (the broker has the transformation jars).</summary>
    bool TransformationActive { get; }

    /// <summary>Messages received and buffered, ready for <see cref="TryReceive"/>.</summary>
    int Buffered { get; }

    /// <summary>Bytes of messages received and not yet settled (acknowledged, parked or dead-lettered), buffered ones included.</summary>
    long UnsettledBytes { get; }

    /// <summary>Waits for the next message of any subscribed queue.</summary>
    ValueTask<InboundMessage> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>The next message if one is already buffered.</summary>
    bool TryReceive(out InboundMessage message);

    /// <summary>Acknowledges one message (client-individual).</summary>
    Task AckAsync(InboundMessage message, CancellationToken cancellationToken);

    /// <summary>Acknowledges messages the target has confirmed, in order.</summary>
    Task AckAllAsync(IReadOnlyList<InboundMessage> messages, CancellationToken cancellationToken);

    /// <summary>Rejects one message: ActiveMQ moves it to its dead-letter queue at once.</summary>
    Task NackAsync(InboundMessage message, CancellationToken cancellationToken);

    /// <summary>Sends to a queue on the source broker (parking), completing when the broker has stored it.</summary>
    Task SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}
