namespace Harness;

/// <summary>What a finished command (<see cref="ChildProcess.RunAsync"/>) returned and printed.</summary>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>The command line that ran.</summary>
    public required string Command { get; init; }

    /// <summary>The command and everything it printed, for assertion and exception messages.</summary>
    public string Describe() => $"`{Command}` exited {ExitCode}.\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";

    /// <summary>Throws, with <paramref name="hint"/> (how to fix it) and everything printed, unless the exit code is 0.</summary>
    /// <exception cref="InvalidOperationException">The command failed.</exception>
    public ProcessResult ThrowIfFailed(string hint) =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"{Describe()}\n{hint}");
}
