namespace Template.Tests.TestHelpers;

/// <summary>Reads ELF headers with readelf, which understands every architecture.</summary>
internal static class Elf
{
    public static async Task<string> MachineAsync(string path, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync("readelf", ["-h", path], null, cancellationToken);
        result.AssertExitCode(0);
        var line = result.StdOut.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("Machine:", StringComparison.Ordinal));
        Assert.True(line is not null, "readelf -h printed no Machine line. " + result.Describe());
        return line.Trim()["Machine:".Length..].Trim();
    }
}
