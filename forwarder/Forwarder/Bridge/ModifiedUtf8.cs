using System.Text;

namespace Forwarder.Bridge;

/// <summary>
/// ActiveMQ reads STOMP text bodies as Java's modified UTF-8: a 4-byte UTF-8 sequence makes the message unreadable
/// for JMS consumers (notes §7.2.3). Text the agent did not receive verbatim (map/object JSON rendered by the broker
/// with standard UTF-8) is converted before it is sent.
/// </summary>
internal static class ModifiedUtf8
{
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
}
