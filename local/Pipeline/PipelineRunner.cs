using LocalPipeline.Reporting;
using LocalPipeline.Run;
using LocalPipeline.Stages;
using LocalPipeline.Tracking;

namespace LocalPipeline;

/// <summary>
/// Runs the whole pipeline on this machine: brokers "onprem" and "cloud" (with <c>DLQ.</c> dead-letter queues),
/// moto for the SQS dead-letter queue, the forwarder onprem → cloud, the local event source with the real bootstrap
/// and a monitor (the stages, started in this order and stopped in reverse), then the legacy producer; follows every
/// message to the handler or a dead-letter queue.
/// </summary>
internal sealed class PipelineRunner(PipelineOptions options, TextWriter console)
{
    private readonly ConsoleView _view = new(console, options.Messages, live: !options.Exit && !Console.IsOutputRedirected);

    public PipelineTracker? Tracker { get; private set; }

    public async Task<PipelineResult> RunAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        using var run = PipelineRun.Create(options, _view);
        Tracker = run.Tracker;
        var cloud = BrokerStage.Cloud(run);
        var onprem = BrokerStage.OnPrem(run, cloud, networkConnector: !ForwarderStage.IsAvailableFor(options));
        var moto = new MotoStage(run);
        var forwarder = new ForwarderStage(run, onprem, cloud);
        var eventSource = new EventSourceStage(run, cloud, moto);
        var monitor = new MonitorStage(run, onprem, moto, forwarder, eventSource);
        var started = new Stack<IPipelineStage>();
        try
        {
            _view.Step($"work folder {run.WorkDirectory}");
            foreach (var stage in (IPipelineStage[])[cloud, onprem, moto, forwarder, eventSource, monitor])
            {
                started.Push(stage);
                await stage.StartAsync(cancellationToken).ConfigureAwait(false);
            }

            await SendAsync(run, onprem.Broker, cancellationToken).ConfigureAwait(false);
            await monitor.SettleAsync(cancellationToken).ConfigureAwait(false);
            if (options.KeepRunning)
            {
                await KeepRunningAsync(onprem.Broker, cloud.Broker, moto.Moto, cancellationToken).ConfigureAwait(false);
            }

            return new PipelineResult(run.Tracker.Counts(), run.Tracker.Samples, run.WorkDirectory, forwarder.Kind);
        }
        finally
        {
            await StopAsync(started).ConfigureAwait(false);
        }
    }

    /// <summary>The sample messages, sent by the legacy JMS producer to onprem; its output goes to producer.log and the tracker.</summary>
    private async Task SendAsync(PipelineRun run, LocalBroker onprem, CancellationToken cancellationToken)
    {
        var poison = (options.PoisonEvery > 0 ? $"every {options.PoisonEvery}th poison" : "no poison")
            + (options.LoopEvery > 0 ? $", every {options.LoopEvery}th looped (parked by the forwarder)" : "");
        _view.Step($"sending {options.Messages} messages with the legacy JMS producer ({poison}) to onprem '{options.Queue}'…");
        using var producerLog = run.OpenLog("producer.log");
        await Producer.RunAsync(options.RepositoryRoot, onprem.OpenWireUri, options.Queue, options.Messages, options.PoisonEvery, options.LoopEvery, run.RunId,
            line =>
            {
                producerLog.WriteLine(line);
                run.Tracker.ProducerLine(line);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>--keep-running: everything stays up for the user's own messages until Ctrl-C, which ends the run normally.</summary>
    private async Task KeepRunningAsync(LocalBroker onprem, LocalBroker cloud, Moto moto, CancellationToken cancellationToken)
    {
        _view.KeepRunningHelp(onprem, cloud, moto, options.Queue);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _view.Step("Ctrl-C: stopping");
        }
    }

    private async Task StopAsync(Stack<IPipelineStage> started)
    {
        while (started.TryPop(out var stage))
        {
            try
            {
                await stage.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException)
            {
                _view.Step($"  could not stop {stage.Name}: {ex.Message}");
            }
        }
    }
}
