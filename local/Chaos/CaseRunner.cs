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
        var record = new FaultRecord(TimeProvider.System);
        var finds = DeadLetterFinds.None;
        FaultProxy? proxy = null;
        PipelineRunner? runner = null;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task sampler = Task.CompletedTask;
        FaultContext? context = null;
        string? verdict = null;
        long end = 0;
        var pendingAtEnd = false;
        var hooks = new PipelineHooks
        {
            ForwarderTarget = uri => chaosCase.Proxy == ProxyPlace.Cloud ? (proxy = FaultProxy.Start(uri)).Through(uri) : uri,
            FunctionEnvironment = endpoint => chaosCase.Proxy switch
            {
                ProxyPlace.Sqs => new Dictionary<string, string> { ["AWS_ENDPOINT_URL_SQS"] = Route(endpoint) },
                ProxyPlace.DynamoDb => new Dictionary<string, string> { ["AWS_ENDPOINT_URL_DYNAMODB"] = Route(endpoint) },
                _ => new Dictionary<string, string>(),
            },
            WhileSending = async (stages, ct) =>
            {
                var tracker = runner!.Tracker!;
                sampler = SampleProgressAsync(tracker, record, sampling.Token);
                context = new FaultContext(pipelineOptions, stages, tracker, proxy, options.Quick, messages, record);
                await chaosCase.Inject(context, ct).ConfigureAwait(false);
                // The outage's quiet time is not the pipeline standing still: settling waits from here.
                tracker.Touch();
            },
            AfterSettle = async (stages, ct) =>
            {
                end = record.Now();
                pendingAtEnd = runner!.Tracker!.Counts().Lost > 0;
                finds = await FindDeadLettersAsync(stages, pipelineOptions.Queue, ct).ConfigureAwait(false);
                context!.Finds = finds;
                verdict = await chaosCase.Verify(context, ct).ConfigureAwait(false);
            },
        };
        runner = new PipelineRunner(pipelineOptions, console, hooks);
        await console.WriteLineAsync($"── case {chaosCase.Name}: {chaosCase.Fault} — {messages} messages ──");
        string? error = null;
        try
        {
            await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or TimeoutException or Stomp.StompException or Amazon.Runtime.AmazonServiceException)
        {
            error = ex.Message;
        }
        finally
        {
            await sampling.CancelAsync().ConfigureAwait(false);
#pragma warning disable VSTHRD003 // started by the WhileSending hook above; no synchronization context here.
            await sampler.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
#pragma warning restore VSTHRD003
            if (proxy is not null)
            {
                await proxy.DisposeAsync().ConfigureAwait(false);
            }
        }

        var samples = runner.Tracker?.Samples ?? [];
        return CaseOutcome.Of(chaosCase.Name, messages + (context?.ExtraTracked ?? 0), samples, pipelineOptions.Queue, finds) with
        {
            FaultsInjected = record.Injected,
            LongestStall = end == 0 ? TimeSpan.Zero : record.LongestStall(end, pendingAtEnd),
            StallLimit = chaosCase.StallLimit,
            Error = error ?? verdict,
            WorkDirectory = work,
        };

        string Route(Uri endpoint) => (proxy = FaultProxy.Start(endpoint)).Through(endpoint).ToString().TrimEnd('/');
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
}
