namespace Stomp.Client;

/// <summary>
/// Reading paused on purpose: while the unsettled-bytes budget is full (or a subscription's buffer is), the read loop
/// waits, so the broker's further frames stay in the socket (TCP pushes back) instead of in memory. The watchdog
/// knows: a pause is not a silent broker.
/// </summary>
internal sealed partial class StompConnection
{
    private volatile bool _readPaused;

    /// <summary>Bytes of received client-acknowledged messages not yet ACKed or NACKed.</summary>
    public long UnsettledBytes => _budget.Outstanding;

    /// <summary>Messages of <paramref name="bytes"/> were settled (or will never be): the budget takes them back.</summary>
    public void Settled(long bytes) => _budget.Release(bytes);

    /// <summary>
    /// Called by the read loop before it hands out a client-acknowledged message: waits, reads paused, until the
    /// budget admits it. Never while a RECEIPT is awaited on this connection (a SUBSCRIBE, a parking SEND,
    /// DISCONNECT): the RECEIPT can only be read past the frames before it, so waiting would deadlock its caller
    /// until the receipt timeout. Those frames are admitted over the budget; what the socket had buffered bounds them.
    /// </summary>
    public async ValueTask AdmitAsync(long bytes)
    {
        var changed = _budget.Changed;
        if (_budget.TryAdmit(bytes))
        {
            return;
        }

        await PauseReadsAsync(
            async cancellationToken =>
            {
                while (!_budget.TryAdmit(bytes, overdraw: HasPendingReceipts() || _closingGracefully))
                {
                    await changed.WaitAsync(cancellationToken);
                    changed = _budget.Changed;
                }
            });
    }

    /// <summary>Runs <paramref name="wait"/> with reads paused; the watchdog does not count the pause as silence.</summary>
    public async ValueTask PauseReadsAsync(Func<CancellationToken, Task> wait)
    {
        _readPaused = true;
        try
        {
            await wait(_shutdown.Token);
        }
        finally
        {
            // Whatever the broker sent meanwhile (heart-beats included) waits in the socket: silence counts from now.
            Volatile.Write(ref _lastRead, _time.GetTimestamp());
            _readPaused = false;
        }
    }
}
