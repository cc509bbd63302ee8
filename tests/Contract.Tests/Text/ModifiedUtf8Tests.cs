using Contract.Text;

namespace Contract.Tests.Text;

public sealed class ModifiedUtf8Tests
{
    [Fact]
    public void FromUtf8_SupplementaryAndNul_BecomeJavaForm() =>
        Assert.Equal([0xED, 0xA0, 0xBD, 0xED, 0xBA, 0x80, 0xC0, 0x80], ModifiedUtf8.FromUtf8(Encoding.UTF8.GetBytes("🚀\0")));

    [Fact]
    public void FromUtf8_JavaWriteUtfOfMixedText_MatchesJava()
    {
        const string text = "a\0b \U0001F680 ü \U00010348 \uE000";

        Assert.Equal(JavaModifiedUtf8(text), ModifiedUtf8.FromUtf8(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("plain ascii")]
    [InlineData("BMP: ü € \u4e2d \uFFFD")]
    [InlineData("")]
    public void FromUtf8_BmpOnlyText_ReturnsInputBytes(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);

        Assert.Equal(bytes, ModifiedUtf8.FromUtf8(bytes));
    }

    [Fact]
    public void ToUtf8_SurrogatePairAsCesu8_BecomesFourByteUtf8()
    {
        byte[] modified = [.. "rocket "u8, 0xED, 0xA0, 0xBD, 0xED, 0xBA, 0x80];

        var utf8 = ModifiedUtf8.ToUtf8(modified).ToArray();

        Assert.Equal([.. "rocket "u8, 0xF0, 0x9F, 0x9A, 0x80], utf8);
        Assert.Equal("rocket \U0001F680", Encoding.UTF8.GetString(utf8));
    }

    [Fact]
    public void ToUtf8_EncodedNul_BecomesZeroByte()
    {
        byte[] modified = [.. "before"u8, 0xC0, 0x80, .. "after"u8];

        Assert.Equal([.. "before"u8, 0x00, .. "after"u8], ModifiedUtf8.ToUtf8(modified).ToArray());
    }

    [Theory]
    [InlineData("plain ascii")]
    [InlineData("BMP: ü € \u4e2d \uFFFD")]
    [InlineData("")]
    public void ToUtf8_BmpOnlyText_ReturnsInputUnchanged(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);

        Assert.Equal(bytes, ModifiedUtf8.ToUtf8(bytes).ToArray());
    }

    [Fact]
    public void ToUtf8_JavaWriteUtfOfMixedText_MatchesStandardUtf8()
    {
        // What java.io.DataOutputStream.writeUTF produces for this string (without its 2-byte length prefix).
        const string text = "a\0b \U0001F680 ü \U00010348 \uE000";
        var modified = JavaModifiedUtf8(text);

        Assert.Equal(Encoding.UTF8.GetBytes(text), ModifiedUtf8.ToUtf8(modified).ToArray());
    }

    [Fact]
    public void ToUtf8_LoneHighSurrogate_BecomesReplacementCharacter()
    {
        byte[] modified = [(byte)'x', 0xED, 0xA0, 0xBD, (byte)'y'];

        Assert.Equal("x\uFFFDy", Encoding.UTF8.GetString(ModifiedUtf8.ToUtf8(modified).Span));
    }

    [Fact]
    public void ToUtf8_TruncatedSequenceAtEnd_IsCopiedNotThrown()
    {
        byte[] modified = [(byte)'x', 0xED, 0xA0];

        Assert.Equal(modified, ModifiedUtf8.ToUtf8(modified).ToArray());
    }

    /// <summary>Java's modified UTF-8: each UTF-16 unit on its own; U+0000 as C0 80.</summary>
    private static byte[] JavaModifiedUtf8(string text)
    {
        var output = new List<byte>();
        foreach (var c in text)
        {
            if (c is >= '\u0001' and <= '\u007F')
            {
                output.Add((byte)c);
            }
            else if (c <= '\u07FF')
            {
                output.Add((byte)(0xC0 | (c >> 6)));
                output.Add((byte)(0x80 | (c & 0x3F)));
            }
            else
            {
                output.Add((byte)(0xE0 | (c >> 12)));
                output.Add((byte)(0x80 | ((c >> 6) & 0x3F)));
                output.Add((byte)(0x80 | (c & 0x3F)));
            }
        }

        return [.. output];
    }
}
