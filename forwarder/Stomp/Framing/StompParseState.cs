using System.Buffers;
using System.Text;

namespace Stomp.Framing;

/// <summary>
/// What <see cref="StompFrameParser"/> keeps between calls on one received stream: a frame resumed past a header
/// line being skipped (<see cref="PartialFrame.Skipping"/>), and for a body whose content-length may be a forged JMS
/// property (<see cref="Suspect"/>) how far it was scanned and the probe marker that settles it. The read loop owns
/// it; <see cref="ProbeSent"/> may come from another thread.
/// </summary>
internal sealed class StompParseState
{
    private volatile byte[]? _probeMarker;
    private volatile bool _suspect;
    private long _frames;

    /// <summary>A frame resumed past a skipped header line (its consumed bytes are gone from the buffer); else null.</summary>
    public PartialFrame? Partial { get; set; }

    /// <summary>Frames parsed so far: tells one suspect frame from the next.</summary>
    public long Frames => Volatile.Read(ref _frames);

    /// <summary>
    /// The frame waiting for its body is a received MESSAGE whose content-length is not yet covered and whose bytes
    /// so far hold a NUL: a text message under a forged content-length, or a BytesMessage still arriving. A probe
    /// (<see cref="ProbeSent"/>) tells them apart.
    /// </summary>
    public bool Suspect
    {
        get => _suspect;
        set => _suspect = value;
    }

    /// <summary>Body bytes scanned for a NUL so far, and where the first one is (-1: none yet).</summary>
    public long NulScanned { get; set; }

    public long FirstNul { get; set; } = -1;

    /// <summary>The marker last searched for, and how many body bytes were searched for it.</summary>
    public byte[]? ScannedMarker { get; set; }

    public long MarkerScanned { get; set; }

    /// <summary>The bytes that open the probe's RECEIPT frame's header (<c>receipt-id:R</c>); null before a probe.</summary>
    public byte[]? ProbeMarker => _probeMarker;

    /// <summary>The connection sent a probe whose RECEIPT carries <paramref name="receiptId"/>, which nobody else knows.</summary>
    public void ProbeSent(string receiptId) => _probeMarker = Encoding.ASCII.GetBytes("receipt-id:" + receiptId);

    /// <summary>Whether <paramref name="frames"/> frames have been parsed and the next one is (still) suspect.</summary>
    public bool IsSuspect(long frames) => _suspect && Frames == frames;

    /// <summary>A frame was returned: what was kept for it is dropped.</summary>
    public void FrameDone()
    {
        Partial = null;
        _suspect = false;
        _probeMarker = null;
        NulScanned = 0;
        FirstNul = -1;
        ScannedMarker = null;
        MarkerScanned = 0;
        Interlocked.Increment(ref _frames);
    }

    /// <summary>Whether <paramref name="body"/> (the bytes received after the headers) holds a NUL; scans each byte once.</summary>
    public bool HasNul(ReadOnlySequence<byte> body)
    {
        if (FirstNul < 0)
        {
            var reader = new SequenceReader<byte>(body);
            reader.Advance(NulScanned);
            if (reader.TryAdvanceTo(0, advancePastDelimiter: false))
            {
                FirstNul = reader.Consumed;
            }

            NulScanned = body.Length;
        }

        return FirstNul >= 0;
    }

    /// <summary>
    /// Whether the probe's marker occurs in <paramref name="body"/> before offset <paramref name="contentLength"/>;
    /// scans each byte about once (a marker split over two calls is found by the overlap).
    /// </summary>
    public bool MarkerBefore(ReadOnlySequence<byte> body, long contentLength)
    {
        if (ProbeMarker is not { } marker)
        {
            return false;
        }

        if (!ReferenceEquals(marker, ScannedMarker))
        {
            ScannedMarker = marker;
            MarkerScanned = 0;
        }

        var reader = new SequenceReader<byte>(body);
        reader.Advance(Math.Max(0, MarkerScanned - marker.Length + 1));
        MarkerScanned = body.Length;
        return reader.TryReadTo(out ReadOnlySequence<byte> _, marker, advancePastDelimiter: false) && reader.Consumed < contentLength;
    }
}
