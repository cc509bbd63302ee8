using Harness;

namespace Forwarder.Bench;

/// <summary>The forwarder agent under measurement: the harness's <see cref="AgentProcess"/>, its stderr shown live, stopped cleanly.</summary>
internal sealed class AgentRun : IAsyncDisposable
{
    private readonly AgentProcess _agent;

    private AgentRun(AgentProcess agent) => _agent = agent;

    public static AgentRun Start(IEnumerable<string> arguments) =>
        new(AgentProcess.Start(arguments, onStdErr: line => Console.Error.WriteLine("agent: " + line)));

    /// <summary>VmHWM: the most resident memory the agent ever had, in MiB.</summary>
    public double PeakRssMb() => _agent.PeakResidentMemoryMb();

    public async ValueTask DisposeAsync()
    {
        await _agent.StopAsync(TimeSpan.FromSeconds(40));
        await _agent.DisposeAsync();
    }
}
