namespace Contract.Events;

/// <summary>
/// A message's body cannot be read as asked: <c>data</c> is missing, not base64, not UTF-8 or not the expected JSON.
/// The message is permanently unreadable, so callers dead-letter it rather than retry.
/// </summary>
public sealed class MessageBodyException : Exception
{
    /// <summary>An exception without message id or reason.</summary>
    public MessageBodyException()
    {
    }

    /// <summary>An exception with a message but without message id or reason.</summary>
    public MessageBodyException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with a message and its cause, without message id or reason.</summary>
    public MessageBodyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The body of message <paramref name="messageId"/> cannot be read, for <paramref name="reason"/>.</summary>
    public MessageBodyException(string? messageId, string reason, Exception? innerException = null)
        : base($"Message '{messageId ?? "(no id)"}': {reason}", innerException)
    {
        MessageId = messageId;
        Reason = reason;
    }

    /// <summary>The broker message id (<c>messageID</c>), when known.</summary>
    public string? MessageId { get; }

    /// <summary>Why the body could not be read, without the message id.</summary>
    public string? Reason { get; }
}
