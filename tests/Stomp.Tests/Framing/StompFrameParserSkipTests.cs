namespace Stomp.Tests.Framing;

/// <summary>A received header line over the limit is discarded as it streams: the frame goes on, memory stays bounded.</summary>
public sealed class StompFrameParserSkipTests
{
    [Fact]
    public void TryParse_FortyMebibyteHeaderLineIn64KiBChunks_SkippedWithBoundedBufferAndTheFrameKept()
    {
        // Longer than the body limit too: buffering the line up to it is what failed the connection before.
        var limits = FrameBytes.Limits with { MaxBodyBytes = 1024 * 1024, DropOversizedHeaders = true };
        const int chunk = 64 * 1024;
        const int lineValue = 40 * 1024 * 1024;
        var stream = new ReceivedStream(limits, segmentSize: 16 * 1024);
        var maxBuffered = 0;

        void Feed(ReadOnlySpan<byte> bytes)
        {
            for (var offset = 0; offset < bytes.Length; offset += chunk)
            {
                stream.Receive(bytes.Slice(offset, Math.Min(chunk, bytes.Length - offset)));
                maxBuffered = Math.Max(maxBuffered, stream.Buffered);
            }
        }

        Feed("MESSAGE\nsubscription:1\nack:A1\nbig:"u8);
        var value = new byte[chunk];
        value.AsSpan().Fill((byte)'x');
        for (var sent = 0; sent < lineValue; sent += chunk)
        {
            Feed(value);
        }

        Feed("\nkept:yes\n\nbody\0\nMESSAGE\nack:A2\n\nnext\0\n"u8);

        Assert.InRange(maxBuffered, 0, limits.MaxHeaderLineBytes + chunk);
        Assert.Equal(2, stream.Frames.Count);
        var first = stream.Frames[0];
        Assert.Equal(["subscription", "ack", "kept"], first.Headers.Select(h => h.Key));
        Assert.Equal([$"big ({lineValue + 4} bytes)"], first.DroppedHeaders!);
        Assert.Equal("body"u8.ToArray(), first.Body.ToArray());
        Assert.Equal("next"u8.ToArray(), stream.Frames[1].Body.ToArray());
        Assert.Equal(0, stream.Buffered);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(4096)]
    public void TryParse_LongLinesAtAnySplit_DroppedAndNamedTheRestKept(int chunk)
    {
        var limits = new StompLimits(MaxHeaderLineBytes: 32, MaxHeaders: 10, MaxBodyBytes: 1000) { DropOversizedHeaders = true };
        var longName = new string('n', 300);
        var wire = "MESSAGE\ndestination:/queue/Q\nbig\\c1:" + new string('v', 100) + "\r\nack:A1\n" + longName + ":v\nsubscription:7\n\nbody\0\n";
        var stream = new ReceivedStream(limits);

        stream.ReceiveInChunks(Encoding.UTF8.GetBytes(wire), chunk);

        var frame = Assert.Single(stream.Frames);
        Assert.Equal(["destination", "ack", "subscription"], frame.Headers.Select(h => h.Key));
        Assert.Equal(["big:1 (107 bytes)", "a header named in 300 bytes (302 bytes)"], frame.DroppedHeaders!);
        Assert.Equal("body"u8.ToArray(), frame.Body.ToArray());
        Assert.Null(stream.State.Partial);
        Assert.Equal(0, stream.Buffered);
    }

    [Theory]
    [InlineData("content-length:", "header line longer than 32 bytes")]
    [InlineData("no-colon-", "without ':'")]
    public void TryParse_SkippedLineThatCannotBeDropped_ThrowsStompProtocolException(string prefix, string expected)
    {
        var limits = new StompLimits(MaxHeaderLineBytes: 32, MaxHeaders: 10, MaxBodyBytes: 1000) { DropOversizedHeaders = true };
        var stream = new ReceivedStream(limits);

        var ex = Assert.Throws<StompProtocolException>(() =>
            stream.ReceiveInChunks(Encoding.UTF8.GetBytes("MESSAGE\n" + prefix + new string('1', 100) + "\n\n\0"), 16));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
