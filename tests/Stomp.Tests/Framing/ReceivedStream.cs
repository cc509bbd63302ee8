namespace Stomp.Tests.Framing;

/// <summary>
/// Bytes fed to the parser as a connection's read loop does: what the parser consumed is gone, the rest waits for the
/// next chunk. With <paramref name="probeId"/> it answers a suspect frame the way the connection does, by noting a
/// probe under that id (the test then feeds the probe's RECEIPT where the broker would write it).
/// </summary>
internal sealed class ReceivedStream(StompLimits limits, string? probeId = null, int segmentSize = 3)
{
    private byte[] _pending = [];

    public StompParseState State { get; } = new();

    public List<StompFrame> Frames { get; } = [];

    /// <summary>Bytes received and not consumed: what the parser holds.</summary>
    public int Buffered => _pending.Length;

    /// <summary>Probes noted so far (one per suspect frame at most).</summary>
    public int Probes { get; private set; }

    public void Receive(ReadOnlySpan<byte> bytes)
    {
        _pending = [.. _pending, .. bytes];
        var sequence = FrameBytes.Segments(_pending, segmentSize);
        while (StompFrameParser.TryParse(ref sequence, limits, State, out var frame, out _))
        {
            Frames.Add(frame!);
        }

        _pending = sequence.ToArray();
        if (probeId is not null && State.Suspect && State.ProbeMarker is null)
        {
            State.ProbeSent(probeId);
            Probes++;
        }
    }

    /// <summary>Feeds <paramref name="bytes"/> in chunks of <paramref name="chunk"/>.</summary>
    public void ReceiveInChunks(ReadOnlySpan<byte> bytes, int chunk)
    {
        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            Receive(bytes.Slice(offset, Math.Min(chunk, bytes.Length - offset)));
        }
    }
}
