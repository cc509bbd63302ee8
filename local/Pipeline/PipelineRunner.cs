using System.Globalization;
using LocalEventSource;
using LocalEventSource.Batching;
using LocalEventSource.Invocation;
using LocalEventSource.Polling;
using LocalPipeline.Reporting;
using LocalPipeline.Stages;
using LocalPipeline.Tracking;
using Microsoft.Extensions.Logging;

namespace LocalPipeline;

/// <summary>
/// Runs the whole pipeline on this machine: brokers "onprem" and "cloud" (with <c>DLQ.</c> dead-letter queues),
/// moto for the SQS dead-letter queue, the forwarder onprem → cloud, the local event source with the real bootstrap,
/// then the legacy producer; follows every message to the handler or a dead-letter queue; stops everything.
/// </summary>
internal sealed class PipelineRunner(PipelineOptions options, TextWriter console)
{
    private readonly Stack<(string Name, Func<Task> Stop)> _cleanup = new();
    private readonly ConsoleView _view = new(console, options.Messages, live: !options.Exit && !Console.IsOutputRedirected);

    public PipelineTracker? Tracker { get; private set; }

    public async Task<PipelineResult> RunAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        var runId = "r" + DateTimeOffset.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "mq-pipeline", $"{runId}-{Guid.NewGuid():N}"[..16]);
        Directory.CreateDirectory(work);
        using var loggers = TextWriterLoggerFactory.ForFile(Path.Combine(work, "pipeline.log"), LogLevel.Information);
        using var functionLog = TextWriter.Synchronized(new StreamWriter(Path.Combine(work, "function.log")) { AutoFlush = true });
        var tracker = Tracker = new PipelineTracker(TimeProvider.System, functionLog.WriteLine);
        var logger = loggers.CreateLogger<PipelineRunner>();
        try
        {
            var forwarderScript = Path.Combine(options.RepositoryRoot, "scripts", "forwarder.sh");
            var stompForwarder = File.Exists(forwarderScript);
            _view.Step($"work folder {work}");
            _view.Step("starting broker 'cloud' (Amazon MQ stand-in, DLQ.<queue> dead-letter queues)…");
            var cloud = await LocalBroker.StartAsync(options.RepositoryRoot, "cloud", Path.Combine(work, "cloud"), ["--dlq-prefix", "DLQ."], cancellationToken).ConfigureAwait(false);
            _cleanup.Push(("broker cloud", cloud.StopAsync));
            _view.Step($"  cloud  {cloud.StompUri}  {cloud.OpenWireUri}");
            _view.Step("starting broker 'onprem'…");
            string[] onpremOptions = stompForwarder ? [] : ["--network-connector", NetworkConnector.Xml(cloud.OpenWireUri, options.Queue)];
            var onprem = await LocalBroker.StartAsync(options.RepositoryRoot, "onprem", Path.Combine(work, "onprem"), onpremOptions, cancellationToken).ConfigureAwait(false);
            _cleanup.Push(("broker onprem", onprem.StopAsync));
            _view.Step($"  onprem {onprem.StompUri}  {onprem.OpenWireUri}");

            _view.Step("starting moto (SQS dead-letter queue)…");
            var moto = await Moto.StartAsync(options.Queue + "-dlq", Path.Combine(work, "moto.log"), cancellationToken).ConfigureAwait(false);
            _cleanup.Push(("moto", async () => await moto.DisposeAsync().ConfigureAwait(false)));
            _view.Step($"  SQS {moto.DeadLetterQueueUrl}");

            string forwarderKind;
            if (stompForwarder)
            {
                _view.Step("starting the forwarder onprem → cloud over STOMP…");
                var forwarderLog = TextWriter.Synchronized(new StreamWriter(Path.Combine(work, "forwarder.log")) { AutoFlush = true });
                var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var forwarder = ChildProcess.Start(forwarderScript,
                    ["run", "--source", onprem.StompUri.ToString(), "--target", cloud.StompUri.ToString(), "--include", options.Queue, "--name", "local-pipeline"],
                    new Dictionary<string, string?>(),
                    line =>
                    {
                        forwarderLog.WriteLine(line);
                        // The forwarder's log line once both sides are up (forwarder/Forwarder, EventId 4).
                        if (line.Contains("Target connected", StringComparison.Ordinal))
                        {
                            connected.TrySetResult();
                        }
                    },
                    options.RepositoryRoot);
                _cleanup.Push(("forwarder", async () =>
                {
                    await forwarder.StopAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
                    await forwarder.DisposeAsync().ConfigureAwait(false);
                    await forwarderLog.DisposeAsync().ConfigureAwait(false);
                }
                ));
                forwarderKind = "STOMP forwarder";
                try
                {
                    // The first run of scripts/forwarder.sh builds it, which takes a while.
                    using var exitWatch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var exited = forwarder.WaitForExitAsync(exitWatch.Token);
                    var first = await Task.WhenAny(connected.Task, exited).WaitAsync(TimeSpan.FromSeconds(180), cancellationToken).ConfigureAwait(false);
                    await exitWatch.CancelAsync().ConfigureAwait(false);
                    if (first != connected.Task && forwarder.HasExited)
                    {
                        throw new InvalidOperationException(
                            $"the forwarder exited with code {forwarder.ExitCode} before connecting; see {Path.Combine(work, "forwarder.log")}");
                    }

                    _view.Step("  forwarder connected to both brokers");
                }
                catch (TimeoutException)
                {
                    _view.Step($"  the forwarder did not report 'Target connected' within 180 s; sending anyway (see {Path.Combine(work, "forwarder.log")})");
                }
            }
            else
            {
                _view.Step("scripts/forwarder.sh not found: onprem → cloud through ActiveMQ's network connector instead");
                forwarderKind = "ActiveMQ network connector (no scripts/forwarder.sh)";
            }

            _view.Step($"starting the event source: queue '{options.Queue}', batch {options.BatchSize}, window {options.BatchingWindow.TotalSeconds:0.###} s, {options.Concurrency} poller(s), handler '{options.Handler}'…");
            var function = new FunctionOptions
            {
                BootstrapPath = options.BootstrapPath,
                Handler = options.Handler,
                FunctionName = "local-" + options.Handler,
                Timeout = options.FunctionTimeout,
                Region = Moto.Region,
                Environment = new Dictionary<string, string>
                {
                    ["AWS_ACCESS_KEY_ID"] = Moto.AccessKey,
                    ["AWS_SECRET_ACCESS_KEY"] = Moto.SecretKey,
                    ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString().TrimEnd('/'),
                    ["DEAD_LETTER_QUEUE_URL"] = options.DeadLetterQueueUrl ?? moto.DeadLetterQueueUrl,
                },
            };
            function.Validate();
            var mapping = new EventSourceMapping(
                new EventSourceOptions
                {
                    Broker = cloud.StompUri,
                    Queue = options.Queue,
                    Batching = new BatchingOptions(options.BatchSize, options.BatchingWindow, BatchingOptions.SixMegabytes),
                    Concurrency = options.Concurrency,
                },
                i => new ExecutionEnvironment(i, function, line => tracker.FunctionOutput(i, line), loggers.CreateLogger<ExecutionEnvironment>()),
                tracker,
                TimeProvider.System,
                loggers);
            var stopMapping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var mappingTask = mapping.RunAsync(stopMapping.Token);
            _cleanup.Push(("event source", async () =>
            {
                await stopMapping.CancelAsync().ConfigureAwait(false);
#pragma warning disable VSTHRD003 // started by this method above; no synchronization context here.
                await mappingTask.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
#pragma warning restore VSTHRD003
                stopMapping.Dispose();
            }
            ));

            using var sqs = moto.CreateSqsClient();
            var sqsReader = new SqsDeadLetterReader(sqs, moto.DeadLetterQueueUrl, tracker);
            using var stopMonitor = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var monitor = MonitorAsync(sqsReader, onprem.StompUri, mappingTask, logger, stopMonitor.Token);

            var poison = (options.PoisonEvery > 0 ? $"every {options.PoisonEvery}th poison" : "no poison")
                + (options.LoopEvery > 0 ? $", every {options.LoopEvery}th looped (parked by the forwarder)" : "");
            _view.Step($"sending {options.Messages} messages with the legacy JMS producer ({poison}) to onprem '{options.Queue}'…");
            using var producerLog = TextWriter.Synchronized(new StreamWriter(Path.Combine(work, "producer.log")) { AutoFlush = true });
            await Producer.RunAsync(options.RepositoryRoot, onprem.OpenWireUri, options.Queue, options.Messages, options.PoisonEvery, options.LoopEvery, runId,
                line =>
                {
                    producerLog.WriteLine(line);
                    tracker.ProducerLine(line);
                },
                cancellationToken).ConfigureAwait(false);

            await SettleAsync(tracker, mappingTask, cancellationToken).ConfigureAwait(false);
            await sqsReader.DrainAsync(cancellationToken).ConfigureAwait(false);
            await BrowseParkingAsync(onprem.StompUri, logger, cancellationToken).ConfigureAwait(false);
            _view.Live(tracker.Counts(), force: true);

            if (options.KeepRunning)
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

            await stopMonitor.CancelAsync().ConfigureAwait(false);
            await monitor.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return new PipelineResult(tracker.Counts(), tracker.Samples, work, forwarderKind);
        }
        finally
        {
            await CleanUpAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Waits until every sent message is processed or dead-lettered, or nothing changed for the settle timeout.</summary>
    private async Task SettleAsync(PipelineTracker tracker, Task mappingTask, CancellationToken cancellationToken)
    {
        while (true)
        {
            var counts = tracker.Counts();
            if (counts.Sent == options.Messages && counts.Lost == 0)
            {
                return;
            }

            if (mappingTask.IsFaulted)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(mappingTask.Exception!.GetBaseException());
            }

            var quiet = TimeSpan.FromMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - tracker.LastChange);
            if (quiet > options.SettleTimeout)
            {
                _view.Step($"nothing changed for {options.SettleTimeout.TotalSeconds:0} s: {counts.Lost} message(s) unaccounted for");
                return;
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every second: read the SQS dead-letter queue, redraw the counts; every 5 s: look at the parking queue.</summary>
    private async Task MonitorAsync(SqsDeadLetterReader sqs, Uri onprem, Task mappingTask, ILogger logger, CancellationToken cancellationToken)
    {
        var tick = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
                await sqs.DrainAsync(cancellationToken).ConfigureAwait(false);
                if (++tick % 5 == 0)
                {
                    await BrowseParkingAsync(onprem, logger, cancellationToken).ConfigureAwait(false);
                }

                _view.Live(Tracker!.Counts(), force: false);
                if (mappingTask.IsFaulted)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is Amazon.Runtime.AmazonServiceException or HttpRequestException or Stomp.StompException or IOException)
            {
                logger.MonitorReadFailed(ex);
            }
        }
    }

    private async Task BrowseParkingAsync(Uri onprem, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var headers in await QueueBrowser.BrowseAsync(onprem, "DLQ." + options.Queue, logger, cancellationToken).ConfigureAwait(false))
        {
            Tracker!.Parked(headers);
        }
    }

    private async Task CleanUpAsync()
    {
        while (_cleanup.TryPop(out var item))
        {
            try
            {
                _view.Step($"stopping {item.Name}…");
                await item.Stop().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException)
            {
                _view.Step($"  could not stop {item.Name}: {ex.Message}");
            }
        }
    }
}
