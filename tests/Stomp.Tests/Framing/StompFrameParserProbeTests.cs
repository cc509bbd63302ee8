namespace Stomp.Tests.Framing;

/// <summary>
/// A received content-length larger than what follows: a JMS property over the header of a text message (forged)
/// or a BytesMessage still arriving (genuine). The probe's RECEIPT, written by the broker after the frame, settles it.
/// </summary>
public sealed class StompFrameParserProbeTests
{
    private const string ProbeId = "probe-6f1c2a";
    private const string ProbeReceipt = "RECEIPT\nreceipt-id:" + ProbeId + "\n\n\0\n";
    private static readonly StompLimits Received = FrameBytes.Limits with { DropOversizedHeaders = true };

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void TryParse_ForgedLengthLargerThanWhatFollows_TextEndsAtItsNulOnceTheProbeReceiptArrives(int chunk)
    {
        var stream = new ReceivedStream(Received, ProbeId);

        // The last message on the queue: nothing follows it but a later message and, once probed, the RECEIPT.
        stream.ReceiveInChunks("MESSAGE\ncontent-length:1000\nack:A1\n\nhello world\0\nMESSAGE\nack:A2\n\nnext\0\n"u8, chunk);
        Assert.Empty(stream.Frames);
        Assert.True(stream.State.Suspect);
        stream.ReceiveInChunks(Encoding.ASCII.GetBytes(ProbeReceipt), chunk);

        Assert.Equal(["MESSAGE", "MESSAGE", "RECEIPT"], stream.Frames.Select(f => f.Command));
        Assert.Equal("hello world"u8.ToArray(), stream.Frames[0].Body.ToArray());
        Assert.False(stream.Frames[0].HasContentLength);
        Assert.Equal("1000", stream.Frames[0].Headers["content-length"]);
        Assert.Equal("next"u8.ToArray(), stream.Frames[1].Body.ToArray());
        Assert.Equal(ProbeId, stream.Frames[2].Headers["receipt-id"]);
        Assert.Equal(1, stream.Probes);
        Assert.False(stream.State.Suspect);
        Assert.Equal(0, stream.Buffered);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(64)]
    public void TryParse_GenuineBytesWithNulsArrivingSlowly_ReadWholeWhenTheProbeReceiptComesAfter(int chunk)
    {
        // A BytesMessage with NULs, suspect from its first NUL on; the probe's RECEIPT can only follow the whole frame.
        var body = Enumerable.Range(0, 200).Select(i => (byte)(i % 3 == 0 ? 0 : i)).ToArray();
        var frame = FrameBytes.Write("MESSAGE", [new("ack", "A1")], body, contentLength: true);
        var stream = new ReceivedStream(Received, ProbeId);

        stream.ReceiveInChunks([.. frame, .. "\n"u8, .. Encoding.ASCII.GetBytes(ProbeReceipt)], chunk);

        Assert.Equal(["MESSAGE", "RECEIPT"], stream.Frames.Select(f => f.Command));
        Assert.Equal(body, stream.Frames[0].Body.ToArray());
        Assert.True(stream.Frames[0].HasContentLength);
        Assert.Equal(1, stream.Probes);
    }

    [Fact]
    public void TryParse_ContentLengthBodyWithoutNulSoFar_NotSuspect()
    {
        var frame = FrameBytes.Write("MESSAGE", [new("ack", "A1")], "abcdefgh"u8.ToArray(), contentLength: true);
        var stream = new ReceivedStream(Received, ProbeId);

        stream.Receive(frame.AsSpan(0, frame.Length - 4));

        Assert.False(stream.State.Suspect);
        Assert.Equal(0, stream.Probes);
        stream.Receive(frame.AsSpan(frame.Length - 4));
        Assert.Equal("abcdefgh"u8.ToArray(), Assert.Single(stream.Frames).Body.ToArray());
    }

    [Fact]
    public void TryParse_SuspectWithoutProbe_WaitsForTheBytes()
    {
        // Without a probe nothing disproves the length: the frame waits, as a slow BytesMessage must.
        var stream = new ReceivedStream(Received);

        stream.Receive("MESSAGE\ncontent-length:1000\n\nhello world\0\n"u8);

        Assert.Empty(stream.Frames);
        Assert.True(stream.State.Suspect);
    }

    [Fact]
    public void TryParse_SentFrameLimits_NeverSuspect()
    {
        // Without DropOversizedHeaders (not a received frame) a content-length is taken as is.
        var stream = new ReceivedStream(FrameBytes.Limits, ProbeId);

        stream.Receive("MESSAGE\ncontent-length:1000\n\nhello world\0\n"u8);

        Assert.False(stream.State.Suspect);
        Assert.Equal(0, stream.Probes);
    }
}
