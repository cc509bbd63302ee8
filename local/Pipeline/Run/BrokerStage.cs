using Harness.ActiveMq;
using LocalPipeline.Stages;

namespace LocalPipeline.Run;

/// <summary>A private ActiveMQ broker (<see cref="LocalBroker"/>) in the work folder.</summary>
/// <param name="note">Said after the name when it starts, e.g. what it stands in for.</param>
/// <param name="brokerOptions">What the broker runs with, asked for when it starts (they may name a broker started before).</param>
internal sealed class BrokerStage(PipelineRun run, string name, string note, Func<BrokerOptions> brokerOptions) : IPipelineStage
{
    private LocalBroker? _broker;

    public string Name => "broker " + name;

    /// <summary>The running broker; only after <see cref="StartAsync"/>.</summary>
    public LocalBroker Broker => _broker ?? throw new InvalidOperationException($"broker '{name}' is not started");

    /// <summary>"cloud": the Amazon MQ stand-in, with the destination policy template.yaml deploys (DLQ.&lt;queue&gt; dead-letter queues).</summary>
    public static BrokerStage Cloud(PipelineRun run) =>
        new(run, "cloud", " (Amazon MQ stand-in: template.yaml's destination policy, DLQ.<queue> dead-letter queues)", () => run.Options.CloudBroker with { TemplateDestinationPolicy = true });

    /// <summary>"onprem"; with <paramref name="networkConnector"/>, ActiveMQ's own bridge to <paramref name="cloud"/> forwards instead of the agent.</summary>
    public static BrokerStage OnPrem(PipelineRun run, BrokerStage cloud, bool networkConnector) =>
        new(run, "onprem", "", () => run.Options.OnPremBroker with { NetworkConnectors = networkConnector ? [NetworkConnector.Xml(cloud.Broker.OpenWireUri, run.Options.Queue)] : [] });

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        run.View.Step($"starting broker '{name}'{note}…");
        _broker = await LocalBroker.StartAsync(run.Options.RepositoryRoot, name, run.WorkFile(name), brokerOptions(), cancellationToken).ConfigureAwait(false);
        run.View.Step($"  {name,-6} {_broker.StompUri}  {_broker.OpenWireUri}");
    }

    /// <summary>Clean stop and start again on the same ports with the same data: a broker restarted under load.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        run.View.Step($"restarting {Name}…");
        await Broker.RestartAsync(cancellationToken).ConfigureAwait(false);
        run.View.Step($"  {name} is back");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_broker is not null)
        {
            run.View.Step($"stopping {Name}…");
            await _broker.StopAsync().ConfigureAwait(false);
        }
    }
}
