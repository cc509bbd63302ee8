namespace Stomp.Tests.Framing;

/// <summary>Helpers to write frames and to parse byte streams the way the connection does.</summary>
internal static class FrameBytes
{
    public static StompLimits Limits { get; } = StompLimits.ActiveMq;

    public static byte[] Write(string command, KeyValuePair<string, string>[] headers, byte[] body, bool contentLength = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        StompFrameWriter.Write(buffer, command, headers, body, contentLength, Limits);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses everything, handing the parser the bytes in chunks of <paramref name="chunk"/> as a socket would.</summary>
    public static (List<StompFrame> Frames, int HeartBeats) ParseAll(byte[] bytes, int chunk)
    {
        var frames = new List<StompFrame>();
        var heartBeats = 0;
        var pending = Array.Empty<byte>();
        var state = new StompParseState();
        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            pending = [.. pending, .. bytes.AsSpan(offset, Math.Min(chunk, bytes.Length - offset))];
            var sequence = Segments(pending, 3);
            while (true)
            {
                var parsed = StompFrameParser.TryParse(ref sequence, Limits, state, out var frame, out var beats);
                heartBeats += beats;
                if (!parsed)
                {
                    break;
                }

                frames.Add(frame!);
            }

            pending = sequence.ToArray();
        }

        return (frames, heartBeats);
    }

    /// <summary>A multi-segment sequence, so parsing across segment borders is exercised too.</summary>
    public static ReadOnlySequence<byte> Segments(byte[] bytes, int segmentSize)
    {
        if (bytes.Length <= segmentSize)
        {
            return new ReadOnlySequence<byte>(bytes);
        }

        Segment? first = null;
        Segment? last = null;
        for (var i = 0; i < bytes.Length; i += segmentSize)
        {
            var memory = bytes.AsMemory(i, Math.Min(segmentSize, bytes.Length - i));
            if (first is null)
            {
                first = last = new Segment(memory, 0);
            }
            else
            {
                last = last!.Append(memory);
            }
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
