namespace Template.Tests;

/// <summary>What a finished command printed and returned.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string StdOut, string StdErr)
{
    /// <summary>The command and everything it printed, for assertion messages.</summary>
    public string Describe() => $"`{Command}` exited {ExitCode}.\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}
