namespace Harness;

/// <summary>
/// A function executable (<c>bootstrap</c>) running as its own process against a Runtime API, with a chosen
/// environment and no AWS settings inherited from the host. Dispose stops it: SIGTERM, then SIGKILL after 5 s.
/// </summary>
public sealed class BootstrapProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private BootstrapProcess(ChildProcess process) => _process = process;

    /// <summary>Everything the process printed so far (its log lines: stdout, then stderr).</summary>
    public string Output => _process.StdOut + _process.StdErr;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static BootstrapProcess Start(string executable, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new(ChildProcess.StartCapturing(new ProcessCommand(executable, [])
        {
            Environment = environment.ToDictionary(e => e.Key, e => (string?)e.Value),
            DropInherited = name => name.StartsWith("AWS_", StringComparison.Ordinal) || name.StartsWith('_'),
        }));
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>
    /// Waits until <see cref="Output"/> holds <paramref name="text"/> (at most <paramref name="timeout"/>): the runtime
    /// answers an invocation before its log lines have been read from the pipe.
    /// </summary>
    public async Task<string> WaitForOutputAsync(string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        return Output;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(5));
        await _process.DisposeAsync();
    }
}
