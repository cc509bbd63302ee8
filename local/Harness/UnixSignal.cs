using System.Runtime.InteropServices;

namespace Harness;

/// <summary>
/// kill(2), by process id. .NET itself only sends SIGKILL (<c>Process.Kill</c>), which skips a clean shutdown and
/// cannot pause a process; the numbers are Linux's (x64 and arm64 alike).
/// </summary>
internal static partial class UnixSignal
{
    public const int Kill = 9;
    public const int Term = 15;
    public const int Cont = 18;
    public const int Stop = 19;

    /// <summary>Sends <paramref name="signal"/>; false when the process does not exist (any more) or may not be signalled.</summary>
    public static bool Send(int processId, int signal) => SendSignal(processId, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int processId, int signal);
}
