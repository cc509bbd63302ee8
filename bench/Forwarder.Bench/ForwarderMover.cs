using System.Globalization;
using Harness.ActiveMq;

namespace Forwarder.Bench;

/// <summary>The forwarder agent on the on-prem broker it reads from, in the given send mode.</summary>
internal sealed class ForwarderMover(ActiveMqBroker source, ActiveMqBroker cloud, string passwordFile, Arguments arguments, string suffix) : IMover
{
    public string Name => $"forwarder ({arguments.SendMode} x {arguments.BatchSize})";

    public ActiveMqBroker Source => source;

    public string Queue(string kind, int pair) => $"Bench.Fwd.{kind}.{suffix}.{pair}";

    public async Task<IMoverRun> StartAsync(IReadOnlyList<string> queues, CancellationToken cancellationToken)
    {
        var agent = AgentRun.Start(
        [
            "run", "--source", source.StompUri.ToString(), "--target", cloud.StompUri.ToString(),
            "--target-user", "app", "--target-password-file", passwordFile, .. queues.SelectMany(q => new[] { "--include", q }),
            "--send-mode", arguments.SendMode, "--batch-size", arguments.BatchSize.ToString(CultureInfo.InvariantCulture), "--metrics-port", "0",
        ]);
        try
        {
            await agent.WaitConnectedAsync(TimeSpan.FromMinutes(1), cancellationToken);
            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }
}
