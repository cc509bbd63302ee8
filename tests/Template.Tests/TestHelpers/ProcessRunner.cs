namespace Template.Tests.TestHelpers;

/// <summary>Runs a command in the repository root through the harness and captures its output.</summary>
internal static class ProcessRunner
{
    /// <summary>Longer than the slowest command here (a cold Native AOT publish on two cores).</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static Task<ProcessResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        CancellationToken cancellationToken)
    {
        var command = new ProcessCommand(fileName, arguments)
        {
            Environment = environment?.ToDictionary(e => e.Key, e => (string?)e.Value) ?? [],
            WorkingDirectory = RepositoryRoot.Path,
        };
        return ChildProcess.RunAsync(command, Timeout, cancellationToken);
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
