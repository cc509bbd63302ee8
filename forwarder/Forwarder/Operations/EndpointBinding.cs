namespace Forwarder.Operations;

/// <summary>
/// Binding the metrics port, tried again until it works. Besides a second agent holding it, a restart after a crash
/// meets the port's connections the kernel keeps closing (TIME_WAIT, about 60 s, while a scraper was connected), which
/// HttpListener cannot bind past: measured in the fault suite, where every SIGKILL restart came up without /metrics
/// and /health until the next restart.
/// </summary>
internal static class EndpointBinding
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Calls <paramref name="tryStart"/> (null: started; else why not) every <see cref="RetryInterval"/> until it
    /// starts or <paramref name="stoppingToken"/> ends the wait; reports the first failure, and a start after one.
    /// </summary>
    /// <returns>Whether it started.</returns>
    public static async Task<bool> StartAsync(Func<string?> tryStart, Action<string> failed, Action startedLate, CancellationToken stoppingToken)
    {
        var failedBefore = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (tryStart() is not { } error)
            {
                if (failedBefore)
                {
                    startedLate();
                }

                return true;
            }

            if (!failedBefore)
            {
                failed(error);
                failedBefore = true;
            }

            try
            {
                await Task.Delay(RetryInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return false;
    }
}
