namespace LocalPipeline.Run;

/// <summary>The stages of one run, in start order: brokers cloud and onprem, moto, forwarder, event source, monitor.</summary>
internal sealed class PipelineStages
{
    private PipelineStages(PipelineRun run, PipelineHooks hooks)
    {
        Cloud = BrokerStage.Cloud(run);
        OnPrem = BrokerStage.OnPrem(run, Cloud, networkConnector: !ForwarderStage.IsAvailableFor(run.Options));
        Moto = new MotoStage(run);
        Forwarder = new ForwarderStage(run, OnPrem, () => hooks.ForwarderTarget(Cloud.Broker.StompUri));
        EventSource = new EventSourceStage(run, Cloud, Moto, hooks.FunctionEnvironment);
        Monitor = new MonitorStage(run, OnPrem, Moto, Forwarder, EventSource);
    }

    public BrokerStage Cloud { get; }

    public BrokerStage OnPrem { get; }

    public MotoStage Moto { get; }

    public ForwarderStage Forwarder { get; }

    public EventSourceStage EventSource { get; }

    public MonitorStage Monitor { get; }

    public IReadOnlyList<IPipelineStage> InStartOrder => [Cloud, OnPrem, Moto, Forwarder, EventSource, Monitor];

    public static PipelineStages Create(PipelineRun run, PipelineHooks hooks) => new(run, hooks);
}
