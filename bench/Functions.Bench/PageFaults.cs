using System.Globalization;

namespace Functions.Bench;

/// <summary>
/// This process's minor page faults so far: memory touched for the first time (or again after the collector handed it
/// back to the OS). Printed beside the batch and the baseline, whose timings move with it.
/// </summary>
internal static class PageFaults
{
    /// <summary>minflt from /proc/self/stat (the 10th field; the 8th after the command name's closing parenthesis); -1 where /proc is absent.</summary>
    public static long Minor()
    {
        if (!File.Exists("/proc/self/stat"))
        {
            return -1;
        }

        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }
}
