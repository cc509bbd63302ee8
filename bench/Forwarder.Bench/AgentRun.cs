using System.Diagnostics;
using System.Globalization;
using Testing;

namespace Forwarder.Bench;

/// <summary>The forwarder CLI as a child process, with its peak resident memory read from /proc.</summary>
internal sealed class AgentRun : IAsyncDisposable
{
    private readonly Process _process;

    private AgentRun(Process process) => _process = process;

    public static AgentRun Start(IEnumerable<string> arguments)
    {
        var psi = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "forwarder")) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the forwarder");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("agent: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AgentRun(process);
    }

    /// <summary>VmHWM: the most resident memory the process ever had, in MiB.</summary>
    public double PeakRssMb()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.TerminateAsync(TimeSpan.FromSeconds(40));
        _process.Dispose();
    }
}
