using System.Buffers;
using System.Buffers.Text;
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
        heartBeats = 0;
        var reader = new SequenceReader<byte>(buffer);

        // Heart-beats: LF or CRLF between frames.
        while (reader.TryPeek(out var b) && (b == Lf || b == Cr))
        {
            if (b == Cr)
            {
                if (!reader.TryPeek(1, out var next))
                {
                    break; // a lone CR at the end: wait for its LF
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

        buffer = buffer.Slice(reader.Position);
        if (reader.End)
        {
            return false;
        }

        if (!TryReadLine(ref reader, limits.MaxHeaderLineBytes, "command", out var commandBytes))
        {
            return false;
        }

        var command = Encoding.UTF8.GetString(commandBytes);
        if (command.Length == 0)
        {
            throw new StompProtocolException("empty command line");
        }

        var escaped = StompCommands.UsesEscaping(command);
        var headers = new List<KeyValuePair<string, string>>();
        int? contentLength = null;
        while (true)
        {
            if (!TryReadLine(ref reader, limits.MaxHeaderLineBytes, "header", out var line))
            {
                return false;
            }

            if (line.Length == 0)
            {
                break;
            }

            if (headers.Count >= limits.MaxHeaders)
            {
                throw new StompProtocolException($"{command} frame has more than {limits.MaxHeaders} headers");
            }

            var colon = line.IndexOf((byte)':');
            if (colon < 0)
            {
                throw new StompProtocolException($"{command} frame has a header line without ':'");
            }

            var name = StompHeaderEscaping.Decode(line[..colon], escaped);
            var value = StompHeaderEscaping.Decode(line[(colon + 1)..], escaped);
            if (contentLength is null && name == "content-length")
            {
                if (!Utf8Parser.TryParse(line[(colon + 1)..], out int length, out var used) || used != line.Length - colon - 1 || length < 0)
                {
                    throw new StompProtocolException($"{command} frame has an invalid content-length '{value}'");
                }

                if (length > limits.MaxBodyBytes)
                {
                    throw new StompProtocolException($"{command} frame body of {length} bytes exceeds {limits.MaxBodyBytes}");
                }

                contentLength = length;
            }

            headers.Add(new(name, value));
        }

        byte[] body;
        if (contentLength is { } n)
        {
            if (reader.Remaining < n + 1)
            {
                return false;
            }

            body = reader.UnreadSequence.Slice(0, n).ToArray();
            reader.Advance(n);
            reader.TryRead(out var terminator);
            if (terminator != Nul)
            {
                throw new StompProtocolException($"{command} frame body is not terminated by NUL after content-length {n}");
            }
        }
        else
        {
            if (!reader.TryReadTo(out ReadOnlySequence<byte> bodySequence, Nul, advancePastDelimiter: true))
            {
                if (reader.Remaining > limits.MaxBodyBytes)
                {
                    throw new StompProtocolException($"{command} frame body exceeds {limits.MaxBodyBytes} bytes without a NUL");
                }

                return false;
            }

            body = bodySequence.ToArray();
        }

        buffer = buffer.Slice(reader.Position);
        frame = new StompFrame(command, new StompHeaders(headers), body, contentLength is not null);
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
