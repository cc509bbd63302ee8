using System.Buffers;
using System.Text;

namespace Stomp.Framing;

/// <summary>STOMP 1.2 header escaping: <c>\\</c>, <c>\c</c> (colon), <c>\n</c>, <c>\r</c>. Header text is UTF-8.</summary>
internal static class StompHeaderEscaping
{
    private static readonly SearchValues<char> Special = SearchValues.Create("\\:\n\r");

    private static bool NeedsEscaping(string value) => value.AsSpan().ContainsAny(Special);

    public static string Escape(string value)
    {
        if (!NeedsEscaping(value))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => sb.Append(@"\\"),
                ':' => sb.Append(@"\c"),
                '\n' => sb.Append(@"\n"),
                '\r' => sb.Append(@"\r"),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    /// <summary>
    /// Decodes UTF-8 header bytes and, when <paramref name="escaped"/>, undoes the escapes. An undefined escape
    /// (e.g. <c>\t</c>) is kept verbatim rather than failing the whole connection: dropping a frame would lose a message.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, bool escaped)
    {
        var text = Encoding.UTF8.GetString(bytes);
        if (!escaped || text.IndexOf('\\', StringComparison.Ordinal) < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 == text.Length)
            {
                sb.Append(c);
                continue;
            }

            var next = text[++i];
            _ = next switch
            {
                '\\' => sb.Append('\\'),
                'c' => sb.Append(':'),
                'n' => sb.Append('\n'),
                'r' => sb.Append('\r'),
                _ => sb.Append('\\').Append(next),
            };
        }

        return sb.ToString();
    }
}
