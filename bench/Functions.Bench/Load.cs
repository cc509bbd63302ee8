namespace Functions.Bench;

/// <summary>The machine's load, printed with the results: timings on 2 shared cores move with it.</summary>
internal static class Load
{
    /// <summary>The 1-, 5- and 15-minute load averages, as uptime prints them; "?" where /proc is absent.</summary>
    public static async Task<string> ReadAsync() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[..3]) : "?";
}
