using Stomp.Framing;

namespace Stomp.Client;

/// <summary>The watchdog: heart-beats while the write side is idle, and the timeouts that turn a silent or stalled broker into a lost connection.</summary>
internal sealed partial class StompConnection
{
    /// <summary>Starts sending heart-beats every <paramref name="send"/> and expecting data every <paramref name="expect"/>.</summary>
    public void StartWatchdog(TimeSpan send, TimeSpan expect)
    {
        var period = TimeSpan.FromSeconds(1);
        if (send > TimeSpan.Zero && send / 2 < period)
        {
            period = send / 2;
        }

        if (expect > TimeSpan.Zero && expect / 2 < period)
        {
            period = expect / 2;
        }

        _watchdog = Task.Run(() => WatchdogAsync(period, send, expect));
    }

    private async Task WatchdogAsync(TimeSpan period, TimeSpan send, TimeSpan expect)
    {
        using var timer = new PeriodicTimer(period, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_shutdown.Token))
            {
                if (send > TimeSpan.Zero && _time.GetElapsedTime(Volatile.Read(ref _lastWrite)) >= send / 2)
                {
                    _writeQueue.Writer.TryWrite(new Outgoing(StompFrameWriter.HeartBeat, null, null));
                }

                // STOMP asks for tolerance on the incoming side. ActiveMQ writes a keep-alive only when its previous
                // check period saw no write, so its heart-beats come up to two periods apart (measured); add 1 s of jitter.
                var silent = _time.GetElapsedTime(Volatile.Read(ref _lastRead));
                // While reads are paused on purpose the broker's heart-beats wait unread in the socket: not silence.
                if (expect > TimeSpan.Zero && !_readPaused && silent > (expect * 2) + TimeSpan.FromSeconds(1))
                {
                    Close(new StompConnectionException(
                        $"nothing received from {_options.Endpoint} for {silent.TotalSeconds:0.#} s (heart-beat expected every {expect.TotalSeconds:0.#} s)"));
                    return;
                }

                // A broker that stops reading (producer flow control on a full destination holds its transport
                // thread) leaves the frame unwritten, so no receipt timer runs: a write that the socket has not taken
                // for ReceiptTimeout ends the connection too.
                var flushing = Volatile.Read(ref _flushingSince);
                if (flushing != 0 && _time.GetElapsedTime(flushing) is var stalled && stalled > _options.ReceiptTimeout)
                {
                    Close(new StompReceiptTimeoutException(
                        $"{_options.Endpoint} has taken nothing written to it for {stalled.TotalSeconds:0.#} s (ReceiptTimeout {_options.ReceiptTimeout.TotalSeconds:0.#} s): it stopped reading, e.g. producer flow control on a full destination, or the link stalled"));
                    return;
                }

                if (OldestOverdueReceipt() is { } overdue)
                {
                    Close(new StompReceiptTimeoutException(
                        $"no RECEIPT from {_options.Endpoint} for {overdue.Description} within {_options.ReceiptTimeout.TotalSeconds:0.#} s of writing it"));
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
        }
    }

    private PendingReceipt? OldestOverdueReceipt()
    {
        lock (_lock)
        {
            foreach (var r in _receipts.Values)
            {
                if (r.WrittenAt is { } sent && _time.GetElapsedTime(sent) > _options.ReceiptTimeout)
                {
                    return r;
                }
            }
        }

        return null;
    }
}
