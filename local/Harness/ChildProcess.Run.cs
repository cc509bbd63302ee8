namespace Harness;

public sealed partial class ChildProcess
{
    /// <summary>
    /// Runs <paramref name="command"/> to the end and returns its exit code and output. When
    /// <paramref name="timeout"/> passes first (<see cref="TimeoutException"/>, with the output so far) or
    /// <paramref name="cancellationToken"/> is cancelled, the command is killed with its children.
    /// </summary>
    /// <param name="timeout"><see cref="Timeout.InfiniteTimeSpan"/> waits as long as it runs.</param>
    public static async Task<ProcessResult> RunAsync(ProcessCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var child = StartCapturing(command);
        if (!await child.WaitForExitAsync(timeout, cancellationToken))
        {
            throw new TimeoutException($"`{command}` did not finish within {timeout}; its output so far:\n{child.StdOut}\n{child.StdErr}");
        }

        return new ProcessResult(child.ExitCode, child.StdOut, child.StdErr) { Command = command.ToString() };
    }
}
