namespace Harness.ActiveMq;

public sealed partial class ActiveMqBroker
{
    /// <summary>
    /// SIGSTOP: the broker keeps its sockets open but answers nothing — a hung broker or a silent network, the case
    /// only heart-beats and receipt timeouts detect. Always <see cref="ResumeAsync"/> afterwards.
    /// </summary>
    public Task PauseAsync(CancellationToken cancellationToken = default) => SignalAsync(UnixSignal.Stop, cancellationToken);

    /// <summary>SIGCONT after <see cref="PauseAsync"/>.</summary>
    public Task ResumeAsync(CancellationToken cancellationToken = default) => SignalAsync(UnixSignal.Cont, cancellationToken);

    private async Task SignalAsync(int signal, CancellationToken cancellationToken)
    {
        if (!IsRunning)
        {
            return;
        }

        var stopped = signal == UnixSignal.Stop;
        var name = stopped ? "SIGSTOP" : "SIGCONT";
        if (!IsOwnProcess())
        {
            // A broker that died on its own has nothing to resume; pausing it is the caller's mistake.
            if (stopped)
            {
                throw new InvalidOperationException($"broker '{Name}' (pid {_pid}) is no longer running");
            }

            return;
        }

        if (!UnixSignal.Send(_pid, signal))
        {
            throw new InvalidOperationException($"{name} to broker '{Name}' (pid {_pid}) failed");
        }

        // Signals are delivered asynchronously; return only once the JVM is really (un)frozen.
        for (var i = 0; i < 100 && IsStopped() != stopped; i++)
        {
            await Task.Delay(20, cancellationToken);
        }

        if (IsStopped() != stopped)
        {
            throw new InvalidOperationException($"broker '{Name}' (pid {_pid}) did not {(stopped ? "stop" : "continue")} after {name}");
        }
    }

    // State field of /proc/PID/stat: 'T' while stopped by a signal.
    private bool IsStopped()
    {
        var stat = File.ReadAllText($"/proc/{_pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('T');
    }

    private void KillNow()
    {
        if (_pid != 0 && IsOwnProcess())
        {
            UnixSignal.Send(_pid, UnixSignal.Kill);
        }
    }

    // The recorded pid is signalled only while it is still this broker's JVM, whose command line names its folder (as
    // scripts/broker.sh checks): a broker that died on its own leaves its pid free for another process.
    private bool IsOwnProcess()
    {
        try
        {
            return File.ReadAllText($"/proc/{_pid}/cmdline").Split('\0').Contains("-Dactivemq.base=" + Path.GetFullPath(DataDir), StringComparer.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
