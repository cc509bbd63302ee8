using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Testing;

namespace Functions.IntegrationTests.Bootstrap;

/// <summary>
/// A function executable (<c>bootstrap</c>) running as its own process against a Runtime API, with a chosen
/// environment and no AWS settings inherited from the test host. Dispose stops it: SIGTERM, then SIGKILL.
/// </summary>
internal sealed class BootstrapProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private BootstrapProcess(Process process) => _process = process;

    /// <summary>Everything the process printed so far (its log lines).</summary>
    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static BootstrapProcess Start(string executable, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string>? arguments = null)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments ?? [])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith('_')).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {executable}");
        var started = new BootstrapProcess(process);
        process.OutputDataReceived += (_, e) => started.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => started.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _process.TerminateAsync(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
