namespace Stomp.Tests.Framing;

public sealed class StompFrameParserTests
{
    // The pTricky header exactly as ActiveMQ put it on the wire (measured on ActiveMQ 5.17): escapes, a raw TAB and raw UTF-8.
    private static readonly byte[] TrickyMessage =
        Encoding.UTF8.GetBytes("MESSAGE\nsubscription:1\nmessage-id:ID\\cvm-1\\c1\\c1\\c1\\c2\npTricky:k=v\\cw\\nline2\\r\\\\back\tTAB ü\ndestination:/queue/Hdr.plain\n\nbody\0\n");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(4096)]
    public void TryParse_ActiveMqTrickyHeader_UnescapesAtAnySplit(int chunk)
    {
        var (frames, heartBeats) = FrameBytes.ParseAll(TrickyMessage, chunk);

        var frame = Assert.Single(frames);
        Assert.Equal("MESSAGE", frame.Command);
        Assert.Equal("k=v:w\nline2\r\\back\tTAB ü", frame.Headers["pTricky"]);
        Assert.Equal("ID:vm-1:1:1:1:2", frame.Headers["message-id"]);
        Assert.Equal("body"u8.ToArray(), frame.Body.ToArray());
        Assert.False(frame.HasContentLength);
        Assert.Equal(1, heartBeats); // the EOL ActiveMQ writes after each frame
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(1000)]
    public void TryParse_ContentLengthBodyWithNuls_TakesExactBytes(int chunk)
    {
        byte[] body = [0, 0xFF, 0, 10, 13, 0];
        var bytes = FrameBytes.Write("MESSAGE", [new("destination", "/queue/B")], body, contentLength: true);

        var (frames, _) = FrameBytes.ParseAll([.. bytes, .. bytes], chunk);

        Assert.Equal(2, frames.Count);
        Assert.All(frames, f =>
        {
            Assert.Equal(body, f.Body.ToArray());
            Assert.True(f.HasContentLength);
            Assert.Equal("6", f.Headers["content-length"]);
        });
    }

    [Fact]
    public void TryParse_HeartBeatsBetweenFrames_CountedAndSkipped()
    {
        var frame = FrameBytes.Write("RECEIPT", [new("receipt-id", "r-1")], []);
        byte[] stream = [.. "\n\r\n\n"u8, .. frame, .. "\n"u8, .. frame];

        var (frames, heartBeats) = FrameBytes.ParseAll(stream, 1);

        Assert.Equal(2, frames.Count);
        Assert.Equal(4, heartBeats);
        Assert.All(frames, f => Assert.Equal("r-1", f.Headers["receipt-id"]));
    }

    [Fact]
    public void TryParse_CrLfLines_Accepted()
    {
        var bytes = "RECEIPT\r\nreceipt-id:77\r\n\r\n\0"u8.ToArray();

        var frame = Assert.Single(FrameBytes.ParseAll(bytes, 3).Frames);

        Assert.Equal("77", frame.Headers["receipt-id"]);
    }

    [Fact]
    public void TryParse_RepeatedHeader_FirstWinsAllKept()
    {
        var bytes = "MESSAGE\nfoo:first\nfoo:second\n\n\0"u8.ToArray();

        var frame = Assert.Single(FrameBytes.ParseAll(bytes, 100).Frames);

        Assert.Equal("first", frame.Headers["foo"]);
        Assert.Equal(["first", "second"], frame.Headers.Where(h => h.Key == "foo").Select(h => h.Value));
    }

    [Fact]
    public void TryParse_ConnectedFrame_NotUnescaped()
    {
        var bytes = "CONNECTED\nsession:ID:vm-1:1\nserver:a\\cb\nversion:1.2\n\n\0"u8.ToArray();

        var frame = Assert.Single(FrameBytes.ParseAll(bytes, 100).Frames);

        Assert.Equal("ID:vm-1:1", frame.Headers["session"]);
        Assert.Equal("a\\cb", frame.Headers["server"]);
    }

    [Fact]
    public void TryParse_IncompleteFrame_ReturnsFalseAndKeepsBytes()
    {
        var buffer = new ReadOnlySequence<byte>("MESSAGE\ndestination:/queue/A\n\nhalf"u8.ToArray());

        Assert.False(StompFrameParser.TryParse(ref buffer, FrameBytes.Limits, new StompParseState(), out var frame, out _));

        Assert.Null(frame);
        Assert.Equal(34, buffer.Length);
    }

    [Theory]
    [InlineData("MESSAGE\nno-colon\n\n\0", "without ':'")]
    [InlineData("MESSAGE\ncontent-length:abc\n\n\0", "invalid content-length")]
    [InlineData("MESSAGE\ncontent-length:2\n\nabc\0", "not terminated by NUL")]
    public void TryParse_MalformedFrame_ThrowsStompProtocolException(string wire, string expected)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(wire));

        var ex = Assert.Throws<StompProtocolException>(() => StompFrameParser.TryParse(ref buffer, FrameBytes.Limits, new StompParseState(), out _, out _));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_HeaderLineOverLimit_ThrowsStompProtocolException()
    {
        var limits = new StompLimits(MaxHeaderLineBytes: 16, MaxHeaders: 10, MaxBodyBytes: 100);
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("MESSAGE\n" + new string('a', 40)));

        Assert.Throws<StompProtocolException>(() => StompFrameParser.TryParse(ref buffer, limits, new StompParseState(), out _, out _));
    }

    [Fact]
    public void TryParse_ReceivedHeaderOverLimits_DroppedAndNamedEssentialsKept()
    {
        var limits = new StompLimits(MaxHeaderLineBytes: 32, MaxHeaders: 3, MaxBodyBytes: 1000) { DropOversizedHeaders = true };
        var wire = "MESSAGE\ndestination:/queue/Q\nbig:" + new string('v', 100) + "\nmessage-id:ID\\c1\np1:a\np2:b\nsubscription:7\nack:A1\n\nbody\0";
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(wire));

        Assert.True(StompFrameParser.TryParse(ref buffer, limits, new StompParseState(), out var frame, out _));

        Assert.Equal(["destination", "message-id", "p1", "subscription", "ack"], frame!.Headers.Select(h => h.Key));
        Assert.Equal("ID:1", frame.Headers["message-id"]);
        Assert.Equal(["big (104 bytes)", "p2 (4 bytes)"], frame.DroppedHeaders!);
        Assert.Equal("body"u8.ToArray(), frame.Body.ToArray());
        Assert.True(buffer.IsEmpty);
    }

    [Theory]
    [InlineData("5", 1)]
    [InlineData("5", 3)]
    [InlineData("abc", 1)]
    [InlineData("-1", 2)]
    [InlineData("999999999", 1)]
    [InlineData("20", 1)]
    public void TryParse_ReceivedContentLengthNotEndingTheBody_ReadToNulWithoutContentLength(string claimed, int chunk)
    {
        // A JMS property named content-length, written by ActiveMQ over the header of a text message; the next
        // frame follows (a longer claim is only disproved once its bytes arrived).
        var limits = FrameBytes.Limits with { DropOversizedHeaders = true };
        var wire = Encoding.UTF8.GetBytes($"MESSAGE\ncontent-length:{claimed}\nack:A1\n\nhello world\0\nMESSAGE\nack:A2\n\nnext\0");
        var frames = new List<StompFrame>();
        var received = ReadOnlySequence<byte>.Empty;
        var state = new StompParseState();
        for (var i = 0; i < wire.Length; i += chunk)
        {
            received = new ReadOnlySequence<byte>([.. received.ToArray(), .. wire.AsSpan(i, Math.Min(chunk, wire.Length - i))]);
            while (StompFrameParser.TryParse(ref received, limits, state, out var frame, out _))
            {
                frames.Add(frame!);
            }
        }

        Assert.Equal(["hello world", "next"], frames.Select(f => Encoding.UTF8.GetString(f.Body.Span)));
        Assert.False(frames[0].HasContentLength);
        Assert.Equal(claimed, frames[0].Headers["content-length"]);
        Assert.True(received.IsEmpty);
    }
}
