using Stomp.Framing;

namespace Stomp.Client;

/// <summary>
/// The probe that settles a suspect frame (<see cref="StompParseState.Suspect"/>): a MESSAGE whose content-length
/// asks for more bytes than have come, with a NUL already among them. After a quiet spell the connection begins and
/// aborts an otherwise unused transaction, asking a RECEIPT for the BEGIN under a fresh random id; where that RECEIPT
/// lands in the stream tells the parser whether the content-length was forged (see StompFrameParser.IsForgedLength).
/// </summary>
internal sealed partial class StompConnection
{
    // How long nothing must arrive before a suspect frame is probed: far longer than the gaps inside a frame the
    // broker writes whole, short enough that the last message of a quiet queue is not held noticeably. Its value
    // only decides how many probes are sent: the parser's decision is a proof, never a timeout.
    private static readonly TimeSpan ProbeQuietTime = TimeSpan.FromMilliseconds(300);

    // Longest wait for that quiet: later messages trickling in (each short of the claimed length) must not hold the
    // suspect frame, and those behind it, for ever.
    private static readonly TimeSpan ProbeLatest = TimeSpan.FromSeconds(2);

    private readonly StompParseState _parseState = new();

    // The frame (by count of frames parsed before it) a probe was started for: one per suspect frame. Read loop only.
    private long _probedFrame = -1;

    // Read loop, after parsing what arrived.
    private void ProbeIfSuspect()
    {
        var frames = _parseState.Frames;
        if (_parseState.Suspect && _probedFrame != frames)
        {
            _probedFrame = frames;
            _ = ProbeWhenQuietAsync(frames);
        }
    }

    private async Task ProbeWhenQuietAsync(long frames)
    {
        var id = "probe-" + Guid.NewGuid().ToString("N");
        var suspectSince = _time.GetTimestamp();
        try
        {
            TimeSpan quiet;
            while ((quiet = _time.GetElapsedTime(Volatile.Read(ref _lastRead))) < ProbeQuietTime
                && _time.GetElapsedTime(suspectSince) < ProbeLatest)
            {
                await Task.Delay(ProbeQuietTime - quiet, _time, _shutdown.Token);
            }

            if (!_parseState.IsSuspect(frames))
            {
                return; // the frame completed meanwhile
            }

            _parseState.ProbeSent(id);
            _logger.ContentLengthProbe(_options.Endpoint, id);
            var begin = EnqueueAsync(StompCommands.Begin, [new("transaction", id)], [], false, id, "BEGIN (content-length probe)", _shutdown.Token);
            var abort = EnqueueAsync(StompCommands.Abort, [new("transaction", id)], [], false, true, "ABORT (content-length probe)", _shutdown.Token);
            await Task.WhenAll(begin, abort);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
        }
        catch (StompException) when (!IsOpen)
        {
            // The connection ended: Close reports that, once.
        }
        catch (StompException ex)
        {
            // An ERROR for the probe only leaves the frame waiting for its bytes, as without a probe.
            _logger.ContentLengthProbeFailed(_options.Endpoint, id, ex.Message);
        }
    }
}
