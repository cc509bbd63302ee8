using System.Globalization;
using Harness.ActiveMq;

namespace Forwarder.Bench;

/// <summary>The forwarder agent, started per queue on the on-prem broker it reads from, in the given send mode.</summary>
internal sealed class ForwarderMover(ActiveMqBroker source, ActiveMqBroker cloud, string passwordFile, Arguments arguments, string suffix) : IMover
{
    public string Name => $"forwarder ({arguments.SendMode} x {arguments.BatchSize})";

    public ActiveMqBroker Source => source;

    public string Queue(string kind, int pair) => $"Bench.Fwd.{kind}.{suffix}.{pair}";

    public async Task FillBacklogAsync(string queue, int count, CancellationToken cancellationToken) =>
        await Backlog.SendAsync(source.StompOptions(), queue, count, arguments.Size, 500, cancellationToken);

    public async Task<IMoverRun> StartAsync(string queue, CancellationToken cancellationToken)
    {
        var agent = AgentRun.Start(
        [
            "run", "--source", source.StompUri.ToString(), "--target", cloud.StompUri.ToString(),
            "--target-user", "app", "--target-password-file", passwordFile, "--include", queue,
            "--send-mode", arguments.SendMode, "--batch-size", arguments.BatchSize.ToString(CultureInfo.InvariantCulture), "--metrics-port", "0",
        ]);
        try
        {
            await agent.WaitSubscribedAsync(TimeSpan.FromMinutes(1), cancellationToken);
            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }
}
