namespace Stomp.Tests.Framing;

public sealed class StompHeaderEscapingTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a:b", "a\\cb")]
    [InlineData("line\nbreak", "line\\nbreak")]
    [InlineData("cr\r", "cr\\r")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("tab\tand ü stay raw", "tab\tand ü stay raw")]
    public void EscapeAndDecode_RoundTrip(string value, string wire)
    {
        Assert.Equal(wire, StompHeaderEscaping.Escape(value));
        Assert.Equal(value, StompHeaderEscaping.Decode(Encoding.UTF8.GetBytes(wire), escaped: true));
    }

    [Fact]
    public void Decode_UndefinedEscape_KeptVerbatim()
    {
        Assert.Equal("a\\tb", StompHeaderEscaping.Decode("a\\tb"u8, escaped: true));
    }

    [Fact]
    public void Decode_NotEscaped_LeavesBackslashes()
    {
        Assert.Equal("a\\cb", StompHeaderEscaping.Decode("a\\cb"u8, escaped: false));
    }
}
