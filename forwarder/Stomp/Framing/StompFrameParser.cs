using System.Buffers;
using System.Text;

namespace Stomp.Framing;

/// <summary>
/// Incremental STOMP frame parser over the bytes received so far. Bodies are taken by <c>content-length</c> when
/// present (they may then contain NUL), otherwise up to the first NUL. EOLs between frames are heart-beats.
/// A frame is parsed again from its start as more bytes arrive, except a received frame with a header line over the
/// limit: that line is discarded as it arrives and the frame resumes from <see cref="StompParseState.Partial"/>.
/// </summary>
internal static partial class StompFrameParser
{
    private const byte Nul = 0;
    private const byte Lf = (byte)'\n';
    private const byte Cr = (byte)'\r';

    /// <summary>
    /// Consumes heart-beat EOLs and at most one frame from the front of <paramref name="buffer"/>.
    /// Returns false when more bytes are needed; <paramref name="buffer"/> is then advanced past the heart-beats, and
    /// past what <paramref name="state"/> took of a frame resumed past a skipped header line.
    /// </summary>
    /// <param name="state">Kept by the caller for this stream, passed to every call.</param>
    /// <exception cref="StompProtocolException">the bytes are not a STOMP frame or break <paramref name="limits"/>.</exception>
    public static bool TryParse(
        ref ReadOnlySequence<byte> buffer, StompLimits limits, StompParseState state, out StompFrame? frame, out int heartBeats)
    {
        frame = null;
        heartBeats = 0;
        var reader = new SequenceReader<byte>(buffer);
        var partial = state.Partial;
        if (partial is null)
        {
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

            partial = new PartialFrame(command);
        }

        if (!partial.HeadersComplete)
        {
            var progress = ReadHeaders(ref reader, partial, limits);
            if (progress != HeaderProgress.Complete)
            {
                // A frame skipping a line, or resumed past one, keeps what it read: those bytes are consumed.
                if (progress == HeaderProgress.Skipping || state.Partial is not null)
                {
                    state.Partial = partial;
                    buffer = buffer.Slice(reader.Position);
                }

                return false;
            }
        }

        if (!TryReadBody(ref reader, partial, limits, state, out var body))
        {
            if (state.Partial is not null)
            {
                buffer = buffer.Slice(reader.Position);
            }

            return false;
        }

        buffer = buffer.Slice(reader.Position);
        frame = partial.ToFrame(body);
        state.FrameDone();
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
