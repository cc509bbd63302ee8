using System.Buffers;
using System.Buffers.Text;
using System.Globalization;

namespace Stomp.Framing;

/// <summary>Header lines: decoded, dropped when over the limits of a received frame, skipped as they stream when too long to hold.</summary>
internal static partial class StompFrameParser
{
    private enum HeaderProgress
    {
        NeedMore,
        Complete,
        Skipping,
    }

    /// <summary>
    /// Reads header lines up to the blank line into <paramref name="frame"/>. The reader ends after the last complete
    /// line, or at the end of the bytes while a line too long to hold is being skipped.
    /// </summary>
    private static HeaderProgress ReadHeaders(ref SequenceReader<byte> reader, PartialFrame frame, StompLimits limits)
    {
        var escaped = StompCommands.UsesEscaping(frame.Command);
        while (true)
        {
            if (frame.Skipping is { } skipping)
            {
                if (!reader.TryReadTo(out ReadOnlySequence<byte> rest, Lf, advancePastDelimiter: true))
                {
                    skipping.Take(reader.UnreadSequence);
                    reader.AdvanceToEnd();
                    return HeaderProgress.Skipping;
                }

                skipping.Take(rest);
                frame.Dropped.Add(skipping.Describe(frame.Command, escaped, limits.MaxHeaderLineBytes));
                frame.Skipping = null;
                continue;
            }

            if (!reader.TryReadTo(out ReadOnlySpan<byte> raw, Lf, advancePastDelimiter: true))
            {
                if (reader.Remaining <= limits.MaxHeaderLineBytes)
                {
                    return HeaderProgress.NeedMore;
                }

                if (!limits.DropOversizedHeaders)
                {
                    throw new StompProtocolException($"header line longer than {limits.MaxHeaderLineBytes} bytes");
                }

                // Already over the limit: dropped as it arrives rather than held (it may be longer than any body).
                frame.Skipping = new SkippedHeaderLine();
                continue;
            }

            if (raw.Length > limits.MaxHeaderLineBytes && !limits.DropOversizedHeaders)
            {
                throw new StompProtocolException($"header line longer than {limits.MaxHeaderLineBytes} bytes");
            }

            var line = raw.Length > 0 && raw[^1] == Cr ? raw[..^1] : raw;
            if (line.Length == 0)
            {
                frame.HeadersComplete = true;
                return HeaderProgress.Complete;
            }

            AddHeader(line, frame, limits, escaped);
        }
    }

    private static void AddHeader(ReadOnlySpan<byte> line, PartialFrame frame, StompLimits limits, bool escaped)
    {
        var colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            throw new StompProtocolException($"{frame.Command} frame has a header line without ':'");
        }

        var name = SkippedHeaderLine.Name(line, colon, escaped);
        if (line.Length > limits.MaxHeaderLineBytes
            || (frame.Headers.Count >= limits.MaxHeaders && !(limits.DropOversizedHeaders && IsEssential(name))))
        {
            if (!limits.DropOversizedHeaders || name == "content-length")
            {
                throw new StompProtocolException(line.Length > limits.MaxHeaderLineBytes
                    ? $"header line longer than {limits.MaxHeaderLineBytes} bytes"
                    : $"{frame.Command} frame has more than {limits.MaxHeaders} headers");
            }

            frame.Dropped.Add(string.Create(CultureInfo.InvariantCulture, $"{name} ({line.Length} bytes)"));
            return;
        }

        var value = StompHeaderEscaping.Decode(line[(colon + 1)..], escaped);
        // The first content-length counts (STOMP 1.2), even one that is no length.
        if (name == "content-length" && !frame.LengthSeen)
        {
            frame.LengthSeen = true;
            frame.ContentLength = ParseContentLength(line[(colon + 1)..], frame.Command, value, limits);
        }

        frame.Headers.Add(new(name, value));
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
}
