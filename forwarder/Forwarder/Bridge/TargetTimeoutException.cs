namespace Forwarder.Bridge;

/// <summary>
/// The target did not confirm in time (no RECEIPT within <c>ReceiptTimeout</c> of writing the frame) and the
/// connection was dropped. Slowness, not a refusal: flow control on the target or a slow link; never counts toward
/// parking.
/// </summary>
internal sealed class TargetTimeoutException : Exception
{
    public TargetTimeoutException()
    {
    }

    public TargetTimeoutException(string message)
        : base(message)
    {
    }

    public TargetTimeoutException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
