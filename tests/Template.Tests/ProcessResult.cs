namespace Template.Tests;

/// <summary>What a finished command printed and returned.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string StdOut, string StdErr)
{
    /// <summary>The command and everything it printed, for assertion messages.</summary>
    public string Describe() => $"`{Command}` exited {ExitCode}.\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";

    /// <summary>Asserts the exit code; a failure says <paramref name="why"/> (when given) and shows <see cref="Describe"/>.</summary>
    public void AssertExitCode(int expected, string? why = null) =>
        Assert.True(ExitCode == expected, why is null ? Describe() : why + " " + Describe());
}
