namespace Forwarder.Bridge;

/// <summary>
/// The grace period of a stop. The sends and acknowledgements of messages already received run on <see cref="Token"/>,
/// so they go on after the stop request; <see cref="Begin"/> starts the clock, and the token is cancelled once
/// <c>timeout</c> has passed on it.
/// </summary>
internal sealed class StopDrain(TimeSpan timeout, TimeProvider time) : IDisposable
{
    private readonly CancellationTokenSource _over = new();
    private ITimer? _timer;

    public CancellationToken Token => _over.Token;

    /// <summary>The time is up: the work still in flight is given up.</summary>
    public bool IsOver => _over.IsCancellationRequested;

    public void Begin()
    {
        if (timeout <= TimeSpan.Zero)
        {
            _over.Cancel();
            return;
        }

        _timer ??= time.CreateTimer(_ => GiveUp(), null, timeout, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _over.Dispose();
    }

    private void GiveUp()
    {
        try
        {
            _over.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The timer fired while the worker was already done.
        }
    }
}
