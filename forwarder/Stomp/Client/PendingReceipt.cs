namespace Stomp.Client;

/// <summary>A frame awaiting its RECEIPT (or an ERROR with its receipt-id).</summary>
internal sealed class PendingReceipt(string id, string description)
{
    public string Id { get; } = id;

    /// <summary>What the frame was, for error messages: e.g. "SEND to /queue/Orders".</summary>
    public string Description { get; } = description;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // 0 until written; set by the write loop, read by the watchdog.
    private long _writtenAt;

    /// <summary>
    /// Timestamp (TimeProvider) when the frame was flushed to the socket; null while held back or queued. The
    /// receipt timeout counts from here, so a frame waiting behind a full window or a slow write is not timed (a
    /// write the socket takes nothing of is: see the watchdog).
    /// </summary>
    public long? WrittenAt => Volatile.Read(ref _writtenAt) is var t and not 0 ? t : null;

    public void MarkWritten(long timestamp) => Interlocked.CompareExchange(ref _writtenAt, timestamp == 0 ? 1 : timestamp, 0);
}
