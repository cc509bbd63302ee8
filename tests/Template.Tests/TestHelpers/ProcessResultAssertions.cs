namespace Template.Tests.TestHelpers;

internal static class ProcessResultAssertions
{
    /// <summary>Asserts the exit code; a failure says <paramref name="why"/> (when given) and shows everything printed.</summary>
    public static void AssertExitCode(this ProcessResult result, int expected, string? why = null) =>
        Assert.True(result.ExitCode == expected, why is null ? result.Describe() : why + " " + result.Describe());
}
