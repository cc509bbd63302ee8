using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Stomp.Framing;

/// <summary>
/// Incremental STOMP frame parser over the bytes received so far. Bodies are taken by <c>content-length</c> when
/// present (they may then contain NUL), otherwise up to the first NUL. EOLs between frames are heart-beats.
/// </summary>
internal static class StompFrameParser
{
    private const byte Nul = 0;
    private const byte Lf = (byte)'\n';
    private const byte Cr = (byte)'\r';

    /// <summary>
    /// Consumes heart-beat EOLs and at most one frame from the front of <paramref name="buffer"/>.
    /// Returns false when more bytes are needed; <paramref name="buffer"/> is then advanced past the heart-beats only.
    /// </summary>
    /// <exception cref="StompProtocolException">the bytes are not a STOMP frame or break <paramref name="limits"/>.</exception>
    public static bool TryParse(ref ReadOnlySequence<byte> buffer, StompLimits limits, out StompFrame? frame, out int heartBeats)
    {
        frame = null;
        var reader = new SequenceReader<byte>(buffer);
        heartBeats = SkipHeartBeats(ref reader);
        buffer = buffer.Slice(reader.Position);
        if (reader.End || !TryReadLine(ref reader, limits.MaxHeaderLineBytes, "command", out var commandBytes))
        {
            return false;
        }

        var command = Encoding.UTF8.GetString(commandBytes);
        if (command.Length == 0)
        {
            throw new StompProtocolException("empty command line");
        }

        var headers = new List<KeyValuePair<string, string>>();
        var dropped = new List<string>();
        if (!TryReadHeaders(ref reader, command, limits, headers, dropped, out var contentLength)
            || !TryReadBody(ref reader, command, limits, ref contentLength, out var body))
        {
            return false;
        }

        buffer = buffer.Slice(reader.Position);
        frame = new StompFrame(command, new StompHeaders(headers), body, contentLength is not null, dropped.Count == 0 ? null : dropped);
        return true;
    }

    /// <summary>Heart-beats: LF or CRLF between frames. Stops before a lone CR at the end (its LF is still to come).</summary>
    private static int SkipHeartBeats(ref SequenceReader<byte> reader)
    {
        var heartBeats = 0;
        while (reader.TryPeek(out var b) && (b == Lf || b == Cr))
        {
            if (b == Cr)
            {
                if (!reader.TryPeek(1, out var next))
                {
                    break;
                }

                if (next != Lf)
                {
                    throw new StompProtocolException("a CR between frames is not followed by LF");
                }

                reader.Advance(1);
            }

            reader.Advance(1);
            heartBeats++;
        }

        return heartBeats;
    }

    /// <summary>Reads header lines up to the blank line; false when more bytes are needed.</summary>
    private static bool TryReadHeaders(
        ref SequenceReader<byte> reader, string command, StompLimits limits, List<KeyValuePair<string, string>> headers,
        List<string> dropped, out int? contentLength)
    {
        contentLength = null;
        var lengthSeen = false; // the first content-length counts (STOMP 1.2), even one that is no length
        var escaped = StompCommands.UsesEscaping(command);
        var maxLine = limits.DropOversizedHeaders ? Math.Max(limits.MaxHeaderLineBytes, limits.MaxBodyBytes) : limits.MaxHeaderLineBytes;
        while (TryReadLine(ref reader, maxLine, "header", out var line))
        {
            if (line.Length == 0)
            {
                return true;
            }

            var colon = line.IndexOf((byte)':');
            if (colon < 0)
            {
                throw new StompProtocolException($"{command} frame has a header line without ':'");
            }

            // A name too long to print is not decoded: only its length is reported.
            var name = colon <= 256 ? StompHeaderEscaping.Decode(line[..colon], escaped) : $"a header named in {colon} bytes";
            if (line.Length > limits.MaxHeaderLineBytes
                || (headers.Count >= limits.MaxHeaders && !(limits.DropOversizedHeaders && IsEssential(name))))
            {
                if (!limits.DropOversizedHeaders || name == "content-length")
                {
                    throw new StompProtocolException(line.Length > limits.MaxHeaderLineBytes
                        ? $"header line longer than {limits.MaxHeaderLineBytes} bytes"
                        : $"{command} frame has more than {limits.MaxHeaders} headers");
                }

                dropped.Add(string.Create(CultureInfo.InvariantCulture, $"{name} ({line.Length} bytes)"));
                continue;
            }

            var value = StompHeaderEscaping.Decode(line[(colon + 1)..], escaped);
            if (name == "content-length" && !lengthSeen)
            {
                lengthSeen = true;
                contentLength = ParseContentLength(line[(colon + 1)..], command, value, limits);
            }

            headers.Add(new(name, value));
        }

        return false;
    }

    // What a received MESSAGE must keep to be acknowledged and told apart, even past the header count.
    private static bool IsEssential(string name) =>
        name is "ack" or "subscription" or "message-id" or "destination" or "content-length";

    /// <returns>The length; null for a received frame whose value is no length (see <see cref="TryReadBody"/>).</returns>
    private static int? ParseContentLength(ReadOnlySpan<byte> raw, string command, string value, StompLimits limits)
    {
        var valid = Utf8Parser.TryParse(raw, out int length, out var used) && used == raw.Length && length >= 0;
        if (!valid || length > limits.MaxBodyBytes)
        {
            return limits.DropOversizedHeaders
                ? null
                : throw new StompProtocolException(valid
                    ? $"{command} frame body of {length} bytes exceeds {limits.MaxBodyBytes}"
                    : $"{command} frame has an invalid content-length '{value}'");
        }

        return length;
    }

    /// <summary>
    /// Reads the body and its NUL: <paramref name="contentLength"/> bytes, else up to the first NUL. A received frame
    /// (<see cref="StompLimits.DropOversizedHeaders"/>) whose content-length is no length, above the body limit, or
    /// not followed by NUL is read up to the first NUL and reported without content-length (<paramref name="contentLength"/>
    /// set to null), instead of failing the connection: the broker would redeliver it first, forever.
    /// </summary>
    private static bool TryReadBody(ref SequenceReader<byte> reader, string command, StompLimits limits, ref int? contentLength, out byte[] body)
    {
        body = [];
        if (contentLength is { } n)
        {
            if (reader.Remaining < n + 1)
            {
                return false;
            }

            if (reader.UnreadSequence.Slice(n, 1).FirstSpan[0] == Nul)
            {
                body = reader.UnreadSequence.Slice(0, n).ToArray();
                reader.Advance(n + 1);
                return true;
            }

            if (!limits.DropOversizedHeaders)
            {
                throw new StompProtocolException($"{command} frame body is not terminated by NUL after content-length {n}");
            }

            // A received frame whose content-length does not end its body: a JMS property named content-length
            // (ActiveMQ writes properties over headers). ActiveMQ sets a BytesMessage's own length after the
            // properties, so such a frame is a text (or map/object/empty) message, whose body holds no NUL: it ends
            // at the first one. The caller sees it without content-length and keeps the claim as data.
            contentLength = null;
        }

        if (!reader.TryReadTo(out ReadOnlySequence<byte> bodySequence, Nul, advancePastDelimiter: true))
        {
            if (reader.Remaining > limits.MaxBodyBytes)
            {
                throw new StompProtocolException($"{command} frame body exceeds {limits.MaxBodyBytes} bytes without a NUL");
            }

            return false;
        }

        body = bodySequence.ToArray();
        return true;
    }

    private static bool TryReadLine(ref SequenceReader<byte> reader, int maxBytes, string what, out ReadOnlySpan<byte> line)
    {
        if (!reader.TryReadTo(out ReadOnlySpan<byte> raw, Lf, advancePastDelimiter: true))
        {
            if (reader.Remaining > maxBytes)
            {
                throw new StompProtocolException($"{what} line longer than {maxBytes} bytes");
            }

            line = default;
            return false;
        }

        if (raw.Length > maxBytes)
        {
            throw new StompProtocolException($"{what} line longer than {maxBytes} bytes");
        }

        line = raw.Length > 0 && raw[^1] == Cr ? raw[..^1] : raw;
        return true;
    }
}
