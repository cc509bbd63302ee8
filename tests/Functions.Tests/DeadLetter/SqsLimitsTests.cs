namespace Functions.Tests.DeadLetter;

public sealed class SqsLimitsTests
{
    [Theory]
    [InlineData("plain ASCII")]
    [InlineData("tab\tnewline\ncr\r")]
    [InlineData("Grüße, 日本, emoji 😀")]
    [InlineData("\uFFFD replacement char and \uE000 private use")]
    [InlineData("")]
    public void IsSqsSafeUtf8_AllowedCharacters_True(string text) =>
        Assert.True(SqsLimits.IsSqsSafeUtf8(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData(new byte[] { 0x41, 0x00, 0x42 })] // NUL
    [InlineData(new byte[] { 0x1F })] // unit separator
    [InlineData(new byte[] { 0x0B })] // vertical tab
    [InlineData(new byte[] { 0xEF, 0xBF, 0xBE })] // U+FFFE
    [InlineData(new byte[] { 0x61, 0xEF, 0xBF, 0xBF })] // U+FFFF
    [InlineData(new byte[] { 0xC3, 0x28 })] // invalid UTF-8
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // an encoded surrogate (CESU-8), invalid UTF-8
    [InlineData(new byte[] { 0xFF, 0xFE })] // a UTF-16 BOM
    public void IsSqsSafeUtf8_IllegalOrInvalid_False(byte[] bytes) =>
        Assert.False(SqsLimits.IsSqsSafeUtf8(bytes));

    [Fact]
    public void IsSqsSafeUtf8_Utf8Bom_True() =>
        Assert.True(SqsLimits.IsSqsSafeUtf8([0xEF, 0xBB, 0xBF, 0x41]));

    [Theory]
    [InlineData("ok 😀", true)]
    [InlineData("nul \0", false)]
    [InlineData("\uFFFE", false)]
    public void IsSqsSafe_Strings(string text, bool expected) =>
        Assert.Equal(expected, SqsCharacters.IsSqsSafe(text));

    [Fact]
    public void IsSqsSafe_LoneSurrogates_False()
    {
        // Built in code: attribute data would turn a lone surrogate into U+FFFD.
        Assert.False(SqsCharacters.IsSqsSafe(string.Concat("lone ", char.ConvertFromUtf32(0x1F600).AsSpan(0, 1), " high")));
        Assert.False(SqsCharacters.IsSqsSafe(string.Concat("lone ", char.ConvertFromUtf32(0x1F600).AsSpan(1, 1))));
    }
}
