using System.Buffers;
using System.Globalization;

namespace Stomp.Framing;

/// <summary>
/// A received header line longer than the limit, discarded as its bytes arrive: only its length, where its colon is
/// and its first bytes (enough to name it) are kept, so memory stays bounded whatever its length.
/// </summary>
internal sealed class SkippedHeaderLine
{
    // A name longer than this is not decoded: only its length is reported.
    public const int MaxNamedBytes = 256;

    private readonly ArrayBufferWriter<byte> _head = new(MaxNamedBytes + 1);
    private long _colon = -1;
    private long _bytes;
    private bool _endsWithCr;

    /// <summary>
    /// A header's name for messages: decoded from <paramref name="line"/>'s first <paramref name="colon"/> bytes, or, for
    /// a name too long to print (over <see cref="MaxNamedBytes"/>, where only that many bytes may be at hand), its length.
    /// </summary>
    public static string Name(ReadOnlySpan<byte> line, long colon, bool escaped) =>
        colon <= MaxNamedBytes
            ? StompHeaderEscaping.Decode(line[..(int)colon], escaped)
            : string.Create(CultureInfo.InvariantCulture, $"a header named in {colon} bytes");

    /// <summary>Takes the next bytes of the line (its LF excluded).</summary>
    public void Take(ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        if (_colon < 0 && bytes.PositionOf((byte)':') is { } colon)
        {
            _colon = _bytes + bytes.Slice(0, colon).Length;
        }

        if (_head.WrittenCount <= MaxNamedBytes)
        {
            var keep = bytes.Slice(0, Math.Min(bytes.Length, MaxNamedBytes + 1 - _head.WrittenCount));
            keep.CopyTo(_head.GetSpan((int)keep.Length));
            _head.Advance((int)keep.Length);
        }

        _bytes += bytes.Length;
        _endsWithCr = bytes.Slice(bytes.Length - 1).FirstSpan[0] == (byte)'\r';
    }

    /// <summary>The line's entry in <see cref="StompFrame.DroppedHeaders"/>, once its LF arrived: "name (n bytes)".</summary>
    /// <exception cref="StompProtocolException">the line has no colon, or is a content-length (a body cannot be read without it).</exception>
    public string Describe(string command, bool escaped, int maxHeaderLineBytes)
    {
        if (_colon < 0)
        {
            throw new StompProtocolException($"{command} frame has a header line without ':'");
        }

        var length = _bytes - (_endsWithCr ? 1 : 0);
        var name = Name(_head.WrittenSpan, _colon, escaped);
        return name == "content-length"
            ? throw new StompProtocolException($"header line longer than {maxHeaderLineBytes} bytes")
            : string.Create(CultureInfo.InvariantCulture, $"{name} ({length} bytes)");
    }
}
