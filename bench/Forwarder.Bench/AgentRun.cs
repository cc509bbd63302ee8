using Harness;

namespace Forwarder.Bench;

/// <summary>The forwarder agent under measurement: the harness's <see cref="AgentProcess"/>, its stderr shown live, ready once its log says it subscribed, stopped cleanly.</summary>
internal sealed class AgentRun : IMoverRun
{
    private readonly AgentProcess _agent;
    private readonly TaskCompletionSource _subscribed;

    private AgentRun(AgentProcess agent, TaskCompletionSource subscribed)
    {
        _agent = agent;
        _subscribed = subscribed;
    }

    public int AgentPid => _agent.Id;

    /// <summary>Waits until the agent logged its subscription to the source queue.</summary>
    public async Task WaitSubscribedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
#pragma warning disable VSTHRD003 // completed by this instance's stderr reader
        await _subscribed.Task.WaitAsync(timeout, cancellationToken);
#pragma warning restore VSTHRD003
    }

    public static AgentRun Start(IEnumerable<string> arguments)
    {
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var agent = AgentProcess.Start(
            arguments,
            onStdErr: line => Console.Error.WriteLine("agent: " + line),
            onStdOut: line =>
            {
                if (line.Contains("Subscribed to", StringComparison.Ordinal))
                {
                    subscribed.TrySetResult();
                }
            });
        return new AgentRun(agent, subscribed);
    }

    /// <summary>VmHWM: the most resident memory the agent ever had, in MiB.</summary>
    public double PeakRssMb() => _agent.PeakResidentMemoryMb();

    public async ValueTask DisposeAsync()
    {
        await _agent.StopAsync(TimeSpan.FromSeconds(40));
        await _agent.DisposeAsync();
    }
}
