using System.Collections.Concurrent;
using System.Diagnostics;

namespace Harness;

/// <summary>
/// The one way this repository starts a process: a child whose stdout and stderr lines go to callbacks as they come
/// (and, when asked, are kept), whose stdin is closed, stopped as a service manager does (SIGTERM, then SIGKILL after
/// a grace period) and only ever signalled by the id it was started with. Children still running when this process
/// exits are killed.
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable
{
    // A test host or tool that exits without disposing must not leave its children running.
    private static readonly ConcurrentDictionary<ChildProcess, byte> Live = new();

    private readonly Process _process;
    private readonly CapturedOutput? _stdout;
    private readonly CapturedOutput? _stderr;
    private int _disposed;

    static ChildProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var child in Live.Keys)
        {
            child.Kill();
        }
    };

    private ChildProcess(Process process, CapturedOutput? stdout, CapturedOutput? stderr)
    {
        _process = process;
        _stdout = stdout;
        _stderr = stderr;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything printed to stdout so far, one line per line (only after <see cref="StartCapturing"/>).</summary>
    public string StdOut => (_stdout ?? throw NotCapturing()).ToString();

    /// <summary>Everything printed to stderr so far (only after <see cref="StartCapturing"/>).</summary>
    public string StdErr => (_stderr ?? throw NotCapturing()).ToString();

    /// <summary>Starts <paramref name="fileName"/>; stdout and stderr lines both go to <paramref name="onLine"/>.</summary>
    /// <param name="environment">Added to (or, null values, removed from) the inherited environment.</param>
    /// <exception cref="System.ComponentModel.Win32Exception">The program does not exist or may not be run.</exception>
    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        Action<string> onLine,
        string? workingDirectory = null) =>
        Start(new ProcessCommand(fileName, [.. arguments]) { Environment = environment, WorkingDirectory = workingDirectory }, onLine, onLine);

    /// <summary>Starts <paramref name="command"/> with its stdout and stderr lines going to separate callbacks.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program does not exist or may not be run.</exception>
    public static ChildProcess Start(ProcessCommand command, Action<string> onStdOut, Action<string> onStdErr) =>
        Launch(command, onStdOut, onStdErr, capture: false);

    /// <summary>
    /// Starts <paramref name="command"/> and keeps what it prints (<see cref="StdOut"/>, <see cref="StdErr"/>); the
    /// callbacks, when given, also get each line as it comes.
    /// </summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program does not exist or may not be run.</exception>
    public static ChildProcess StartCapturing(ProcessCommand command, Action<string>? onStdOut = null, Action<string>? onStdErr = null) =>
        Launch(command, onStdOut, onStdErr, capture: true);

    /// <summary>Completes when the process has exited and all its output went to the callbacks.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>As <see cref="WaitForExitAsync(CancellationToken)"/>, for at most <paramref name="timeout"/>: false when it still runs then.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static ChildProcess Launch(ProcessCommand command, Action<string>? onStdOut, Action<string>? onStdErr, bool capture)
    {
        ArgumentNullException.ThrowIfNull(command);
        var stdout = capture ? new CapturedOutput() : null;
        var stderr = capture ? new CapturedOutput() : null;
        var process = new Process { StartInfo = StartInfo(command), EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Forward(e.Data, stdout, onStdOut);
        process.ErrorDataReceived += (_, e) => Forward(e.Data, stderr, onStdErr);
        process.Exited += (_, _) => ProcessRecords.Remove(process.Id);
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        ProcessRecords.Add(process.Id);

        var child = new ChildProcess(process, stdout, stderr);
        Live[child] = 0;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Nothing is ever typed into a child; closing stdin keeps one that reads it from waiting.
        process.StandardInput.Close();
        return child;
    }

    private static ProcessStartInfo StartInfo(ProcessCommand command)
    {
        var info = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = command.WorkingDirectory ?? "",
        };
        foreach (var argument in command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (command.DropInherited is { } drop)
        {
            foreach (var name in info.Environment.Keys.Where(drop).ToList())
            {
                info.Environment.Remove(name);
            }
        }

        foreach (var (name, value) in command.Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return info;
    }

    private static void Forward(string? line, CapturedOutput? capture, Action<string>? onLine)
    {
        if (line is not null)
        {
            capture?.Append(line);
            onLine?.Invoke(line);
        }
    }

    private static InvalidOperationException NotCapturing() => new("the process was started without capturing its output (StartCapturing)");
}
