namespace Stomp.Tests.Framing;

public sealed class StompFrameWriterTests
{
    [Fact]
    public void Write_SendWithSpecialCharacters_EscapesPerStomp12()
    {
        var bytes = FrameBytes.Write("SEND", [new("destination", "/queue/A"), new("k:ey", "a:b\nc\rd\\e\tü")], "hi"u8.ToArray());

        Assert.Equal("SEND\ndestination:/queue/A\nk\\cey:a\\cb\\nc\\rd\\\\e\tü\n\nhi\0", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Write_Connect_NotEscaped()
    {
        var bytes = FrameBytes.Write("CONNECT", [new("passcode", "p:w")], []);

        Assert.Equal("CONNECT\npasscode:p:w\n\n\0", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Write_ContentLength_AddsHeaderAndKeepsNuls()
    {
        byte[] body = [0, 1, 0, 0xFF];

        var bytes = FrameBytes.Write("SEND", [new("destination", "/queue/B")], body, contentLength: true);

        Assert.Equal([.. "SEND\ndestination:/queue/B\ncontent-length:4\n\n"u8, .. body, 0], bytes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(64)]
    public void WriteThenParse_ArbitraryHeadersAndBody_RoundTrip(int chunk)
    {
        KeyValuePair<string, string>[] headers =
        [
            new("destination", "/queue/Round.Trip"),
            new("tricky", "\\\\c:\n\r\r\n::"),
            new("unicode", "日本語 🚀"),
            new("empty", ""),
        ];
        var body = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();

        var bytes = FrameBytes.Write("MESSAGE", headers, body, contentLength: true);
        var frame = Assert.Single(FrameBytes.ParseAll(bytes, chunk).Frames);

        Assert.Equal([.. headers, new("content-length", "300")], frame.Headers);
        Assert.Equal(body, frame.Body.ToArray());
    }

    [Fact]
    public void Write_TextBodyWithNul_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => FrameBytes.Write("SEND", [new("destination", "/queue/A")], [65, 0]));

        Assert.Contains("offset 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HeaderLineAtLimit_AcceptedOneByteMore_Refused()
    {
        // "h:" plus the value: ActiveMQ 5.17 accepts a line of 10,240 bytes (measured in the integration tests).
        var atLimit = new string('v', (10 * 1024) - 2);

        FrameBytes.Write("SEND", [new("h", atLimit)], []);
        var ex = Assert.Throws<StompFrameLimitException>(() => FrameBytes.Write("SEND", [new("h", atLimit + "v")], []));

        Assert.Contains("10241 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_EscapesCountTowardsTheLimit()
    {
        // 5,200 colons become 10,400 bytes once escaped as \c.
        Assert.Throws<StompFrameLimitException>(() => FrameBytes.Write("SEND", [new("h", new string(':', 5200))], []));
    }

    [Fact]
    public void Write_TooManyHeaders_Refused()
    {
        var headers = Enumerable.Range(0, 1000).Select(i => new KeyValuePair<string, string>($"h{i}", "v")).ToArray();

        FrameBytes.Write("SEND", headers, []);
        Assert.Throws<StompFrameLimitException>(() => FrameBytes.Write("SEND", headers, [1], contentLength: true));
    }

    [Fact]
    public void Write_BodyOverLimit_Refused()
    {
        var limits = new StompLimits(100, 10, MaxBodyBytes: 8);

        Assert.Throws<StompFrameLimitException>(() =>
            StompFrameWriter.Write(new ArrayBufferWriter<byte>(), "SEND", [], new byte[9], true, limits));
    }
}
