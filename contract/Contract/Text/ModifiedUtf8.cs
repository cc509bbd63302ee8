using System.Text;

namespace Contract.Text;

/// <summary>
/// Java's "modified UTF-8", which ActiveMQ uses for a TextMessage body over STOMP (measured on ActiveMQ 5.17): U+0000 as
/// <c>C0 80</c> and every supplementary character as a surrogate pair of two 3-byte sequences (CESU-8). A 4-byte
/// UTF-8 sequence makes the message unreadable for JMS consumers, so text not received verbatim is converted before
/// it is sent, and received text is converted back before it leaves for a non-Java consumer.
/// </summary>
public static class ModifiedUtf8
{
    // UTF-8 of U+FFFD: what a lone (unpaired) surrogate becomes, as a strict decoder would do.
    private static ReadOnlySpan<byte> Replacement => [0xEF, 0xBF, 0xBD];

    /// <summary>Standard UTF-8 → modified UTF-8: supplementary characters as two 3-byte surrogates, U+0000 as C0 80.</summary>
    public static byte[] FromUtf8(ReadOnlySpan<byte> utf8)
    {
        if (!NeedsConversion(utf8))
        {
            return utf8.ToArray();
        }

        var text = Encoding.UTF8.GetString(utf8);
        var output = new List<byte>(utf8.Length + 16);
        foreach (var c in text)
        {
            // Encoding each UTF-16 unit on its own gives CESU-8 for surrogates, which is what Java writes.
            switch (c)
            {
                case '\0':
                    output.Add(0xC0);
                    output.Add(0x80);
                    break;
                case < '\u0080':
                    output.Add((byte)c);
                    break;
                case < '\u0800':
                    output.Add((byte)(0xC0 | (c >> 6)));
                    output.Add((byte)(0x80 | (c & 0x3F)));
                    break;
                default:
                    output.Add((byte)(0xE0 | (c >> 12)));
                    output.Add((byte)(0x80 | ((c >> 6) & 0x3F)));
                    output.Add((byte)(0x80 | (c & 0x3F)));
                    break;
            }
        }

        return [.. output];
    }

    /// <summary>Modified UTF-8 → standard UTF-8; the input itself when it holds nothing to convert.</summary>
    public static ReadOnlyMemory<byte> ToUtf8(ReadOnlyMemory<byte> modified)
    {
        var span = modified.Span;
        if (span.IndexOfAny((byte)0xC0, (byte)0xED) < 0)
        {
            return modified;
        }

        // The output is never longer than the input: C0 80 -> 00, 6-byte pair -> 4 bytes, 3-byte lone -> 3 bytes.
        var output = new byte[span.Length];
        var written = 0;
        var i = 0;
        while (i < span.Length)
        {
            var b = span[i];
            if (b == 0xC0 && i + 1 < span.Length && span[i + 1] == 0x80)
            {
                output[written++] = 0x00;
                i += 2;
            }
            else if (b == 0xED && IsSurrogate(span, i, out var high) && high >= 0xD800 && high <= 0xDBFF
                && IsSurrogate(span, i + 3, out var low) && low >= 0xDC00)
            {
                var codePoint = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                output[written++] = (byte)(0xF0 | (codePoint >> 18));
                output[written++] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
                output[written++] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                output[written++] = (byte)(0x80 | (codePoint & 0x3F));
                i += 6;
            }
            else if (b == 0xED && IsSurrogate(span, i, out _))
            {
                Replacement.CopyTo(output.AsSpan(written));
                written += 3;
                i += 3;
            }
            else
            {
                output[written++] = b;
                i++;
            }
        }

        return output.AsMemory(0, written);
    }

    /// <summary>True when standard UTF-8 holds a NUL or a 4-byte sequence, the only bytes modified UTF-8 writes differently.</summary>
    private static bool NeedsConversion(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (b == 0 || b >= 0xF0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="span"/>[<paramref name="at"/>..] is a 3-byte encoded surrogate (U+D800–U+DFFF).</summary>
    private static bool IsSurrogate(ReadOnlySpan<byte> span, int at, out int value)
    {
        value = 0;
        if (at + 2 >= span.Length || span[at] != 0xED || (span[at + 1] & 0xE0) != 0xA0 || (span[at + 2] & 0xC0) != 0x80)
        {
            return false;
        }

        value = 0xD000 | ((span[at + 1] & 0x3F) << 6) | (span[at + 2] & 0x3F);
        return true;
    }
}
