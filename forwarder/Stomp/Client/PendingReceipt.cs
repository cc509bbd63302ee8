namespace Stomp.Client;

/// <summary>A frame awaiting its RECEIPT (or an ERROR with its receipt-id).</summary>
internal sealed class PendingReceipt(string id, string description)
{
    public string Id { get; } = id;

    /// <summary>What the frame was, for error messages: e.g. "SEND to /queue/Orders".</summary>
    public string Description { get; } = description;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Timestamp (TimeProvider) when the frame left the window queue; null while held back.</summary>
    public long? SentAt { get; set; }
}
