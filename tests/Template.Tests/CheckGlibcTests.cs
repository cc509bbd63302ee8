namespace Template.Tests;

public sealed class CheckGlibcTests
{
    [Fact]
    public async Task CheckGlibc_BinaryNeedingNewerGlibcThanAllowed_FailsNamingVersionAndSymbols()
    {
        // Debian 12's ls needs GLIBC_2.34 (__libc_start_main), far above the ceiling given here.
        var result = await ProcessRunner.RunScriptAsync("scripts/check-glibc.sh", ["--max", "2.2.5", "/bin/ls"], Ct);

        result.AssertExitCode(1);
        Assert.Contains("newer than the allowed GLIBC_2.2.5", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("__libc_start_main@GLIBC_", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckGlibc_NotAnElfFile_ExitsWithUsageError()
    {
        var result = await ProcessRunner.RunScriptAsync("scripts/check-glibc.sh", ["template.yaml"], Ct);

        result.AssertExitCode(2);
        Assert.Contains("not an ELF file", result.StdErr, StringComparison.Ordinal);
    }
}
