using System.Globalization;

namespace Harness;

/// <summary>
/// With <c>HARNESS_PID_DIR</c> set (.ci/run sets it), every process the harness starts — children and broker JVMs —
/// is recorded there while it runs: a file named by its pid holding its start time. <c>scripts/reap.sh</c> kills what
/// is left after the run, and only where pid and start time still match: a test host that crashed cannot stop its
/// brokers and moto itself, and no other process on the machine is ever touched.
/// </summary>
public static class ProcessRecords
{
    private static readonly string? Folder = Environment.GetEnvironmentVariable("HARNESS_PID_DIR") is { Length: > 0 } dir ? dir : null;

    /// <summary>
    /// Field 22 of <c>/proc/PID/stat</c> (clock ticks after boot): with the pid, it names one process for good. Null
    /// when no such process runs.
    /// </summary>
    public static string? StartTime(int processId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // The command name before ')' may hold spaces; the fields after it start with field 3.
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[22 - 3];
    }

    internal static void Add(int processId)
    {
        if (Folder is not null && StartTime(processId) is { } start)
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(PathOf(processId), start);
        }
    }

    internal static void Remove(int processId)
    {
        if (Folder is not null)
        {
            File.Delete(PathOf(processId));
        }
    }

    private static string PathOf(int processId) => Path.Combine(Folder!, processId.ToString(CultureInfo.InvariantCulture));
}
