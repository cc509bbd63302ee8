namespace Forwarder.Bridge;

/// <summary>
/// One side's connection as the worker sees it: made on demand; after a failed attempt the next one waits a backoff
/// that grows with each failure in a row; closed quietly. Keeps the side's up/down and reconnect metrics.
/// </summary>
/// <param name="markUp">Sets the side's up/down metric.</param>
/// <param name="reconnected">Counts a connection made after the side had been up before.</param>
internal abstract class BrokerLink<T>(Backoff backoff, TimeProvider time, Action<bool> markUp, Action reconnected)
    where T : class, IAsyncDisposable
{
    private int _failures;
    private bool _everUp;
    private bool _dropped;

    /// <summary>The live connection; null while the side is down.</summary>
    public T? Current { get; private set; }

    /// <summary>Connects; when that fails, waits out the backoff and returns false.</summary>
    public abstract Task<bool> TryConnectAsync(CancellationToken cancellationToken);

    /// <summary>Forgets the connection and closes it; closing a broken connection cannot fail.</summary>
    public async Task CloseAsync()
    {
        var connection = Current;
        Current = null;
        markUp(false);
        if (connection is null)
        {
            return;
        }

        try
        {
            await connection.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            // The connection is already gone; closing it can only fail in the ways listed.
        }
    }

    /// <summary>
    /// The connection failed in use: closes it, and the next connect first waits the first backoff step, so a
    /// connection that fails at each use (a message that kills it, a broker that drops every client) is not remade
    /// in a tight loop.
    /// </summary>
    public Task DropAsync()
    {
        _dropped = true;
        return CloseAsync();
    }

    /// <summary>At the start of <see cref="TryConnectAsync"/>: after a drop, waits the first backoff step.</summary>
    protected Task PauseAfterDropAsync(CancellationToken cancellationToken)
    {
        if (!_dropped)
        {
            return Task.CompletedTask;
        }

        _dropped = false;
        return Task.Delay(backoff.Delay(0), time, cancellationToken);
    }

    protected void Connected(T connection)
    {
        Current = connection;
        _failures = 0;
        markUp(true);
        if (_everUp)
        {
            reconnected();
        }

        _everUp = true;
    }

    /// <summary>
    /// After a failed attempt: reports and waits the backoff for the failures in a row so far, this one included.
    /// Returns false, what <see cref="TryConnectAsync"/> returns then.
    /// </summary>
    protected async Task<bool> BackOffAsync(Action<TimeSpan> report, CancellationToken cancellationToken)
    {
        var delay = backoff.Delay(_failures++);
        report(delay);
        await Task.Delay(delay, time, cancellationToken);
        return false;
    }
}
