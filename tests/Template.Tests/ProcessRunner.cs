using System.Diagnostics;
using Testing;

namespace Template.Tests;

/// <summary>Runs a command in the repository root and captures its output.</summary>
internal static class ProcessRunner
{
    /// <summary>Longer than the slowest command here (a cold Native AOT publish on two cores).</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }

        var command = $"{fileName} {string.Join(' ', arguments)}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {command}");
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within {Timeout} (or the test run was cancelled)");
        }

        return new ProcessResult(command, process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a bash script of the repository, e.g. <c>scripts/check-glibc.sh</c>, with these arguments.</summary>
    public static Task<ProcessResult> RunScriptAsync(string script, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync("bash", [script, .. arguments], null, cancellationToken);

    /// <summary>Fails with how to install <paramref name="tool"/> when it is not on PATH.</summary>
    public static void RequireTool(string tool)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));
        Assert.True(found, $"{tool} is not on PATH; install the prerequisites with scripts/prereqs.sh");
    }
}
