namespace Forwarder.Bridge;

/// <summary>The target broker refused one message of a batch (ERROR frame for its SEND or the COMMIT).</summary>
internal sealed class MessageRejectedException : Exception
{
    public MessageRejectedException(int index, string reason, Exception? inner = null, IReadOnlyList<int>? stored = null)
        : base($"The target refused message {index} of the batch: {reason}", inner)
    {
        Index = index;
        Reason = reason;
        Stored = stored ?? [];
    }

    public MessageRejectedException()
        : this(0, "unknown")
    {
    }

    public MessageRejectedException(string message)
        : this(0, message)
    {
    }

    public MessageRejectedException(string message, Exception inner)
        : this(0, message, inner)
    {
    }

    /// <summary>Position in the batch of the refused message.</summary>
    public int Index { get; }

    /// <summary>The broker's error text.</summary>
    public string Reason { get; }

    /// <summary>
    /// Positions of messages of the batch the target confirmed it stored nonetheless (each with its own receipt);
    /// they are settled, not sent again. Empty for a transaction, where the refusal stores nothing.
    /// </summary>
    public IReadOnlyList<int> Stored { get; }
}
