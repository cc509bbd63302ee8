using Harness.Faults;
using LocalChaos.Cases;
using LocalChaos.Reporting;
using LocalPipeline.Tracking;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalChaos;

/// <summary>
/// Runs one case: the local pipeline (<see cref="PipelineRunner"/>) with the case's proxy in place and its fault
/// injected while the producer sends (<see cref="PipelineHooks"/>); then finds every message.
/// </summary>
internal sealed class CaseRunner(ChaosOptions options, string workDirectory, TextWriter console)
{
    public const string IdempotencyTable = "chaos-idempotency";

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);

    public async Task<CaseOutcome> RunAsync(ChaosCase chaosCase, CancellationToken cancellationToken)
    {
        var messages = chaosCase.Messages(options.Quick);
        var work = Path.Combine(workDirectory, chaosCase.Name);
        var pipelineOptions = chaosCase.Configure(new PipelineOptions
        {
            RepositoryRoot = options.RepositoryRoot,
            BootstrapPath = options.BootstrapPath,
            Messages = messages,
            Exit = true,
            // The deployed configuration: idempotency keys in DynamoDB, shared by every execution environment.
            IdempotencyTable = IdempotencyTable,
            WorkDirectory = work,
        });
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = new CaseRun(new FaultRecord(TimeProvider.System), sampling);
        var runner = run.Runner = new PipelineRunner(pipelineOptions, console, Hooks(chaosCase, pipelineOptions, messages, run));
        await console.WriteLineAsync($"── case {chaosCase.Name}: {chaosCase.Fault} — {messages} messages ──");
        var error = await RunPipelineAsync(run, cancellationToken).ConfigureAwait(false);

        var samples = runner.Tracker?.Samples ?? [];
        return CaseOutcome.Of(chaosCase.Name, messages + (run.Context?.ExtraTracked ?? 0), samples, pipelineOptions.Queue, run.Finds) with
        {
            FaultsInjected = run.Record.Injected,
            LongestStall = run.End == 0 ? TimeSpan.Zero : run.Record.LongestStall(run.End, run.PendingAtEnd),
            StallLimit = chaosCase.StallLimit,
            Error = error ?? run.Verdict,
            WorkDirectory = work,
        };
    }

    /// <summary>The case's proxy put in place, its fault injected while the producer sends, its verdict after settling.</summary>
    private PipelineHooks Hooks(ChaosCase chaosCase, PipelineOptions pipelineOptions, int messages, CaseRun run) => new()
    {
        ForwarderTarget = uri => chaosCase.Proxy == ProxyPlace.Cloud ? (run.Proxy = FaultProxy.Start(uri)).Through(uri) : uri,
        FunctionEnvironment = endpoint => chaosCase.Proxy switch
        {
            ProxyPlace.Sqs => new Dictionary<string, string> { ["AWS_ENDPOINT_URL_SQS"] = run.Route(endpoint) },
            ProxyPlace.DynamoDb => new Dictionary<string, string> { ["AWS_ENDPOINT_URL_DYNAMODB"] = run.Route(endpoint) },
            _ => new Dictionary<string, string>(),
        },
        WhileSending = async (stages, ct) =>
        {
            var tracker = run.Runner!.Tracker!;
            run.Sampler = SampleProgressAsync(tracker, run.Record, run.Sampling.Token);
            run.Context = new FaultContext(pipelineOptions, stages, tracker, run.Proxy, options.Quick, messages, run.Record);
            await chaosCase.Inject(run.Context, ct).ConfigureAwait(false);
            // The outage's quiet time is not the pipeline standing still: settling waits from here.
            tracker.Touch();
        },
        AfterSettle = async (stages, ct) =>
        {
            run.End = run.Record.Now();
            run.PendingAtEnd = run.Runner!.Tracker!.Counts().Lost > 0;
            run.Finds = await FindDeadLettersAsync(stages, pipelineOptions.Queue, ct).ConfigureAwait(false);
            run.Context!.Finds = run.Finds;
            run.Verdict = await chaosCase.Verify(run.Context, ct).ConfigureAwait(false);
        },
    };

    /// <summary>Runs the pipeline, then stops the sampler and the proxy; returns why it failed, or null.</summary>
    private static async Task<string?> RunPipelineAsync(CaseRun run, CancellationToken cancellationToken)
    {
        try
        {
            await run.Runner!.RunAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or TimeoutException or Stomp.StompException or Amazon.Runtime.AmazonServiceException)
        {
            return ex.Message;
        }
        finally
        {
            await run.Sampling.CancelAsync().ConfigureAwait(false);
#pragma warning disable VSTHRD003 // started by the WhileSending hook; no synchronization context here.
            await run.Sampler.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
#pragma warning restore VSTHRD003
            if (run.Proxy is not null)
            {
                await run.Proxy.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Every 200 ms: how many messages are settled (processed or dead-lettered), for the stall measure.</summary>
    private static async Task SampleProgressAsync(PipelineTracker tracker, FaultRecord record, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var counts = tracker.Counts();
            record.Progress(counts.Processed + counts.DeadLettered);
            await Task.Delay(ProgressInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The sample ids on the on-prem broker's ActiveMQ.DLQ and the cloud broker's DLQ.&lt;queue&gt; and ActiveMQ.DLQ,
    /// and which of them had expired.
    /// </summary>
    private static async Task<DeadLetterFinds> FindDeadLettersAsync(PipelineStages stages, string queue, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var expired = new HashSet<string>(StringComparer.Ordinal);
        var onPrem = await BrowseAsync(stages.OnPrem.Broker.StompUri, ["ActiveMQ.DLQ"]).ConfigureAwait(false);
        var cloud = await BrowseAsync(stages.Cloud.Broker.StompUri, ["DLQ." + queue, "ActiveMQ.DLQ"]).ConfigureAwait(false);
        return new DeadLetterFinds(onPrem, cloud, expired);

        async Task<HashSet<string>> BrowseAsync(Uri broker, string[] queues)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in queues)
            {
                foreach (var headers in await QueueBrowser.BrowseAsync(broker, name, NullLogger.Instance, cancellationToken).ConfigureAwait(false))
                {
                    if (headers.GetValueOrDefault("sample_id") is not { } id)
                    {
                        continue;
                    }

                    found.Add(id);
                    if (long.TryParse(headers.GetValueOrDefault("expires"), out var expires) && expires > 0 && expires <= now)
                    {
                        expired.Add(id);
                    }
                }
            }

            return found;
        }
    }

    /// <summary>What one case's hooks learn while the pipeline runs, for its outcome.</summary>
    private sealed class CaseRun(FaultRecord record, CancellationTokenSource sampling)
    {
        public FaultRecord Record => record;

        public CancellationTokenSource Sampling => sampling;

        public PipelineRunner? Runner { get; set; }

        public FaultProxy? Proxy { get; set; }

        public Task Sampler { get; set; } = Task.CompletedTask;

        public FaultContext? Context { get; set; }

        public DeadLetterFinds Finds { get; set; } = DeadLetterFinds.None;

        public string? Verdict { get; set; }

        public long End { get; set; }

        public bool PendingAtEnd { get; set; }

        /// <summary>Puts the case's proxy in front of an AWS endpoint; the address the function is given instead.</summary>
        public string Route(Uri endpoint) => (Proxy = FaultProxy.Start(endpoint)).Through(endpoint).ToString().TrimEnd('/');
    }
}
