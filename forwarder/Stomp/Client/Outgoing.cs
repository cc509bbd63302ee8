namespace Stomp.Client;

/// <summary>A serialised frame waiting to be written, with what completes when it is written or answered.</summary>
internal sealed class Outgoing(ReadOnlyMemory<byte> bytes, PendingReceipt? receipt, TaskCompletionSource? written)
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    /// <summary>Set when the frame asked for a RECEIPT; it then holds a slot of the receipt window.</summary>
    public PendingReceipt? Receipt { get; } = receipt;

    /// <summary>Set for frames without a receipt: completes once the bytes are flushed to the socket.</summary>
    public TaskCompletionSource? Written { get; } = written;
}
