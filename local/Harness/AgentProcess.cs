using System.Globalization;

namespace Harness;

/// <summary>
/// The <c>forwarder</c> CLI as a child process, the way operators run it: the executable beside the caller's binaries
/// (a project reference to forwarder/Forwarder puts it there), in the repository root, with no <c>FORWARDER*</c>
/// variable inherited from the developer's shell, and its output captured.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private AgentProcess(ChildProcess process) => _process = process;

    public static string Executable => Path.Combine(AppContext.BaseDirectory, "forwarder");

    public int Id => _process.Id;

    public string StdOut => _process.StdOut;

    public string StdErr => _process.StdErr;

    /// <param name="onStdErr">Also gets each stderr line as it comes (e.g. to show it live).</param>
    /// <param name="onStdOut">Also gets each stdout line (the text log) as it comes.</param>
    public static AgentProcess Start(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, Action<string>? onStdErr = null, Action<string>? onStdOut = null) =>
        new(ChildProcess.StartCapturing(Command(arguments, environment), onStdOut, onStdErr));

    /// <summary>Runs the CLI to completion (at most 60 s).</summary>
    public static Task<ProcessResult> RunAsync(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken) =>
        ChildProcess.RunAsync(Command(arguments, environment), TimeSpan.FromSeconds(60), cancellationToken);

    /// <summary>SIGTERM, as systemd stops the service.</summary>
    public void Terminate() => _process.Terminate();

    /// <summary>SIGKILL: a crash.</summary>
    public void Kill() => _process.Kill();

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>.</summary>
    public Task StopAsync(TimeSpan grace, CancellationToken cancellationToken = default) => _process.StopAsync(grace, cancellationToken);

    /// <exception cref="TimeoutException">It still runs after <paramref name="timeout"/>; the message holds its output.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await _process.WaitForExitAsync(timeout, cancellationToken))
        {
            throw new TimeoutException($"forwarder (pid {_process.Id}) did not exit within {timeout.TotalSeconds} s; output:\n{StdOut}\n{StdErr}");
        }

        return _process.ExitCode;
    }

    /// <summary>VmHWM: the most resident memory the process ever had, in MiB (NaN when /proc does not say).</summary>
    public double PeakResidentMemoryMb()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }

    /// <summary>Kills it if it still runs (<see cref="StopAsync"/> first for a clean stop).</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static ProcessCommand Command(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment) =>
        new(Executable, [.. arguments])
        {
            Environment = environment?.ToDictionary(e => e.Key, e => (string?)e.Value) ?? [],
            DropInherited = name => name.StartsWith("FORWARDER", StringComparison.OrdinalIgnoreCase),
            WorkingDirectory = RepositoryRoot.Path,
        };
}
