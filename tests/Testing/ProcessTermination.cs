using System.Diagnostics;
using System.Globalization;

namespace Testing;

/// <summary>Stops a child process the way systemd and Lambda do: SIGTERM, then SIGKILL after a grace period.</summary>
public static class ProcessTermination
{
    /// <summary>
    /// Sends SIGTERM (.NET's <see cref="Process.Kill()"/> is SIGKILL on Linux, which skips clean shutdown) and waits
    /// up to <paramref name="grace"/>; a process still running then is killed.
    /// </summary>
    public static async Task TerminateAsync(this Process process, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            // It ignored SIGTERM: make sure it is gone.
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill.
            }
        }
    }
}
