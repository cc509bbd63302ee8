using Harness;

namespace Forwarder.Bench;

/// <summary>The forwarder agent under measurement: the harness's <see cref="AgentProcess"/>, its stderr shown live, ready once its log says it connected to the source, stopped cleanly.</summary>
internal sealed class AgentRun : IMoverRun
{
    private readonly AgentProcess _agent;
    private readonly TaskCompletionSource _connected;

    private AgentRun(AgentProcess agent, TaskCompletionSource connected)
    {
        _agent = agent;
        _connected = connected;
    }

    public int AgentPid => _agent.Id;

    /// <summary>Waits until the agent logged that it connected to the source and subscribed to every queue.</summary>
    public async Task WaitConnectedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
#pragma warning disable VSTHRD003 // completed by this instance's stdout reader
        await _connected.Task.WaitAsync(timeout, cancellationToken);
#pragma warning restore VSTHRD003
    }

    public static AgentRun Start(IEnumerable<string> arguments)
    {
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var agent = AgentProcess.Start(
            arguments,
            onStdErr: line => Console.Error.WriteLine("agent: " + line),
            onStdOut: line =>
            {
                if (line.Contains("Source connected", StringComparison.Ordinal))
                {
                    connected.TrySetResult();
                }
            });
        return new AgentRun(agent, connected);
    }

    /// <summary>VmHWM: the most resident memory the agent ever had, in MiB.</summary>
    public double PeakRssMb() => _agent.PeakResidentMemoryMb();

    public async ValueTask DisposeAsync()
    {
        await _agent.StopAsync(TimeSpan.FromSeconds(40));
        await _agent.DisposeAsync();
    }
}
