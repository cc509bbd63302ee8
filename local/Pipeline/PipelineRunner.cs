using LocalPipeline.Reporting;
using LocalPipeline.Run;
using LocalPipeline.Stages;
using LocalPipeline.Tracking;

namespace LocalPipeline;

/// <summary>
/// Runs the whole pipeline on this machine: brokers "onprem" and "cloud" (with <c>DLQ.</c> dead-letter queues),
/// moto for the SQS dead-letter queue, the forwarder onprem → cloud, the local event source with the real bootstrap
/// and a monitor (the stages, started in this order and stopped in reverse), then the legacy producer; follows every
/// message to the handler or a dead-letter queue. <paramref name="hooks"/> lets the fault suite route and break it.
/// </summary>
internal sealed class PipelineRunner(PipelineOptions options, TextWriter console, PipelineHooks? hooks = null)
{
    private readonly PipelineHooks _hooks = hooks ?? PipelineHooks.None;
    private readonly ConsoleView _view = new(console, options.Messages, live: !options.Exit && !Console.IsOutputRedirected);

    public PipelineTracker? Tracker { get; private set; }

    public async Task<PipelineResult> RunAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        using var run = PipelineRun.Create(options, _view);
        Tracker = run.Tracker;
        var stages = PipelineStages.Create(run, _hooks);
        var started = new Stack<IPipelineStage>();
        try
        {
            _view.Step($"work folder {run.WorkDirectory}");
            foreach (var stage in stages.InStartOrder)
            {
                started.Push(stage);
                await stage.StartAsync(cancellationToken).ConfigureAwait(false);
            }

            using var faults = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var whileSending = _hooks.WhileSending(stages, faults.Token);
            try
            {
                await SendAsync(run, stages.OnPrem.Broker, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // A failed send must not leave a fault running (a cut proxy, a killed agent) behind the stop.
                await faults.CancelAsync().ConfigureAwait(false);
                await whileSending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw;
            }

            await whileSending.ConfigureAwait(false);
            await stages.Monitor.SettleAsync(cancellationToken).ConfigureAwait(false);
            await _hooks.AfterSettle(stages, cancellationToken).ConfigureAwait(false);
            if (options.KeepRunning)
            {
                await KeepRunningAsync(stages.OnPrem.Broker, stages.Cloud.Broker, stages.Moto.Moto, cancellationToken).ConfigureAwait(false);
            }

            return new PipelineResult(run.Tracker.Counts(), run.Tracker.Samples, run.WorkDirectory, stages.Forwarder.Kind);
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
        await Producer.RunAsync(options, onprem.OpenWireUri, run.RunId,
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
