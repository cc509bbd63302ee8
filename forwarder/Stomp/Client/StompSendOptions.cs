namespace Stomp;

/// <summary>Options of one SEND.</summary>
public sealed record StompSendOptions
{
    public static StompSendOptions Default { get; } = new();

    /// <summary>
    /// Ask for a RECEIPT and complete the send task only when it arrives: on ActiveMQ that is after the persistent
    /// message is on disk. Without it the task completes once the frame is written to the socket and
    /// nothing confirms the broker kept the message.
    /// </summary>
    public bool Receipt { get; init; } = true;

    /// <summary>Send inside this transaction (<see cref="StompTransaction.Id"/>); its COMMIT receipt confirms all.</summary>
    public string? Transaction { get; init; }

    /// <summary>
    /// Add <c>content-length</c>: ActiveMQ then makes a JMS BytesMessage and the body may hold any byte. Without it
    /// the message is a TextMessage and the body must contain no NUL (ActiveMQ expects Java modified UTF-8 there).
    /// </summary>
    public bool ContentLength { get; init; }
}
