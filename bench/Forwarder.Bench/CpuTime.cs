using System.Globalization;

namespace Forwarder.Bench;

/// <summary>CPU seconds (user + system, all threads) a process has used so far, from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
internal static class CpuTime
{
    // USER_HZ: the unit of utime/stime; 100 on every Linux configuration that exposes it to user space.
    private const double TicksPerSecond = 100;

    /// <returns>0 for pid 0 (no such process: the bridge has no agent).</returns>
    public static double Seconds(int pid)
    {
        if (pid == 0)
        {
            return 0;
        }

        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis start at field 3.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / TicksPerSecond;
    }
}
