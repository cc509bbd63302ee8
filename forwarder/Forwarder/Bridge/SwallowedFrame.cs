namespace Forwarder.Bridge;

/// <summary>
/// A bytes body that holds, after a NUL, what reads as the source broker's next MESSAGE frame. ActiveMQ writes a JMS
/// property named <c>content-length</c> over the frame's own header; one that asks for more bytes than the body has
/// and reaches exactly the NUL ending a later frame makes that frame part of this body (a value that does not is caught
/// by the STOMP client's probe). The later message is then never seen, and stays unacknowledged on the source until
/// the connection closes. A genuine bytes message whose data holds a STOMP MESSAGE frame, with its subscription, ack
/// and message-id headers, after a NUL looks the same and is treated the same: parked intact.
/// </summary>
internal static class SwallowedFrame
{
    public const string Reason =
        "its bytes body holds a NUL and then a STOMP MESSAGE frame: a JMS property content-length may have made it take in the next message, so the agent reconnects the source and the broker delivers that one again";

    public static bool IsSuspected(InboundMessage message) => message.HasContentLength && HoldsFrame(message.Body.Span);

    private static bool HoldsFrame(ReadOnlySpan<byte> body)
    {
        for (var nul = body.IndexOf((byte)0); nul >= 0; nul = body.IndexOf((byte)0))
        {
            body = body[(nul + 1)..];
            // Heart-beats (EOLs) may come between frames.
            if (IsMessageFrame(body.TrimStart("\r\n"u8)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMessageFrame(ReadOnlySpan<byte> frame)
    {
        if (!frame.StartsWith("MESSAGE\n"u8) && !frame.StartsWith("MESSAGE\r\n"u8))
        {
            return false;
        }

        var end = frame.IndexOf("\n\n"u8) is var lf and >= 0 ? lf : frame.IndexOf("\n\r\n"u8);
        var headers = end >= 0 ? frame[..(end + 1)] : frame;
        return headers.IndexOf("\nsubscription:"u8) >= 0 && headers.IndexOf("\nack:"u8) >= 0 && headers.IndexOf("\nmessage-id:"u8) >= 0;
    }
}
