namespace Harness;

public sealed partial class ChildProcess
{
    /// <summary>SIGTERM without waiting: what systemd sends to stop a service.</summary>
    public void Terminate()
    {
        if (!_process.HasExited)
        {
            UnixSignal.Send(_process.Id, UnixSignal.Term);
        }
    }

    /// <summary>
    /// SIGTERM, then SIGKILL (with its children) if it has not exited within <paramref name="grace"/> or when
    /// <paramref name="cancellationToken"/> is cancelled first. Returns once it has exited.
    /// </summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _disposed) != 0 || _process.HasExited)
        {
            return;
        }

        Terminate();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(grace);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>SIGKILL, with its children: a crash, or what Lambda does to a timed-out environment.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>Kills the process if it still runs (see <see cref="StopAsync"/> for a clean stop) and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Kill();
        await _process.WaitForExitAsync(CancellationToken.None);
        Live.TryRemove(this, out _);
        _process.Dispose();
    }
}
