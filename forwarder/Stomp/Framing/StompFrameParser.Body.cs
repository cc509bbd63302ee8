using System.Buffers;

namespace Stomp.Framing;

/// <summary>Bodies: by content-length, else up to the first NUL; a received content-length that proves forged is dropped.</summary>
internal static partial class StompFrameParser
{
    /// <summary>
    /// Reads the body and its NUL: content-length bytes, else up to the first NUL. A received frame
    /// (<see cref="StompLimits.DropOversizedHeaders"/>) whose content-length is no length, above the body limit, not
    /// followed by NUL, or proven forged (<see cref="IsForgedLength"/>) is read up to the first NUL and reported
    /// without content-length, instead of failing the connection or waiting for bytes that will not come.
    /// </summary>
    private static bool TryReadBody(ref SequenceReader<byte> reader, PartialFrame frame, StompLimits limits, StompParseState state, out byte[] body)
    {
        body = [];
        if (frame.ContentLength is { } n)
        {
            if (reader.Remaining < n + 1)
            {
                if (!IsForgedLength(reader.UnreadSequence, n, frame, limits, state))
                {
                    return false;
                }
            }
            else if (reader.UnreadSequence.Slice(n, 1).FirstSpan[0] == Nul)
            {
                body = reader.UnreadSequence.Slice(0, n).ToArray();
                reader.Advance(n + 1);
                return true;
            }
            else if (!limits.DropOversizedHeaders)
            {
                throw new StompProtocolException($"{frame.Command} frame body is not terminated by NUL after content-length {n}");
            }

            // A received frame whose content-length does not end its body: a JMS property named content-length
            // (ActiveMQ writes properties over headers). ActiveMQ sets a BytesMessage's own length after the
            // properties, so such a frame is a text (or map/object/empty) message, whose body holds no NUL: it ends
            // at the first one. The caller sees it without content-length and keeps the claim as data.
            frame.ContentLength = null;
        }

        if (!reader.TryReadTo(out ReadOnlySequence<byte> bodySequence, Nul, advancePastDelimiter: true))
        {
            if (reader.Remaining > limits.MaxBodyBytes)
            {
                throw new StompProtocolException($"{frame.Command} frame body exceeds {limits.MaxBodyBytes} bytes without a NUL");
            }

            return false;
        }

        body = bodySequence.ToArray();
        return true;
    }

    /// <summary>
    /// A received MESSAGE whose content-length <paramref name="n"/> is not covered yet, with a NUL among the bytes so
    /// far, is <see cref="StompParseState.Suspect"/>: a text message under a larger forged content-length (which, as
    /// the last message on a quiet queue, would wait forever for n bytes) or a BytesMessage still arriving. The
    /// connection then sends a probe whose RECEIPT carries an id nobody could have predicted. The broker writes frames
    /// whole and in order, so that RECEIPT found before offset n proves the body ended earlier: the length is forged.
    /// Found after it, or not yet, the bytes are awaited as a BytesMessage's.
    /// </summary>
    private static bool IsForgedLength(ReadOnlySequence<byte> received, int n, PartialFrame frame, StompLimits limits, StompParseState state)
    {
        if (!limits.DropOversizedHeaders || frame.Command != StompCommands.Message || !state.HasNul(received))
        {
            return false;
        }

        state.Suspect = true;
        return state.MarkerBefore(received, n);
    }
}
