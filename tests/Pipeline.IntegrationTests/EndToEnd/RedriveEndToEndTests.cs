using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS.Model;
using Harness;
using LocalPipeline;
using LocalPipeline.Run;
using LocalPipeline.Tracking;

namespace Pipeline.IntegrationTests.EndToEnd;

/// <summary>
/// The operator's way back after a fix, on the whole local pipeline (real brokers, the forwarder, the local event
/// source, the published bootstrap, moto with the idempotency keys in DynamoDB as deployed): messages end in a
/// dead-letter store, the function is deployed again with the fix, and <c>scripts/forwarder.sh redrive</c> moves
/// them back. The fix that lets poison through is a deployment with a handler that accepts every body (<c>echo</c>),
/// as an operator's fix is a deployment: the function's code has no switch for this test. Every message must then be
/// processed exactly once, by the function's own log and by its idempotency records, and nothing be left behind.
/// </summary>
public sealed class RedriveEndToEndTests(ITestOutputHelper output)
{
    private const string Table = "redrive-idempotency";
    private const string FixedHandler = "echo";
    private const string Unreachable = "http://127.0.0.1:9/000000000000/unreachable";

    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task RedriveSqs_PoisonDeadLetteredThenHandlerFixed_EveryMessageProcessedOnceNothingLeft()
    {
        const int messages = 20;
        var (samples, run) = await RunAsync(messages, poisonEvery: 5, deadLetterQueueUrl: null, async (stages, tracker, ct) =>
        {
            var first = tracker.Counts();
            var moved = await FixAndRedriveSqsAsync(stages, tracker, ct);
            return new Steps(first, [("sqs", moved)]);
        });

        var poison = PoisonIds(samples);
        Print(samples, run, $"dead_lettered_sqs={run.Steps.First.DeadLetteredSqs}");
        // Before the fix: the valid orders processed, the poison ones (text and bytes; see LegacyProducer) in SQS.
        Assert.Equal(messages, run.Steps.First.Sent);
        Assert.Equal(messages / 5, poison.Count);
        Assert.Equal(poison.Count, run.Steps.First.DeadLetteredSqs);
        Assert.Equal(messages - poison.Count, run.Steps.First.Processed);
        Assert.Equal(0, run.Steps.First.Lost);
        Assert.Equal(poison.Count, run.Steps.Moved.Single().Count);
        AssertProcessedOnceNothingLeft(samples, run);
        // The idempotency records: each message completed once; the poison ones dead-lettered under redrive count 0
        // and completed under 1, the count the redriven copy carries.
        Assert.Equal(Ids(samples.Where(s => !s.Poison)), KeysOf(run, "0", "COMPLETED"));
        Assert.Equal(poison, KeysOf(run, "0", "DEADLETTERED"));
        Assert.Equal(poison, KeysOf(run, "1", "COMPLETED"));
        Assert.Equal(messages + poison.Count, run.Keys.Count);
    }

    /// <summary>
    /// The broker's dead-letter path, with a batch of poison messages only, and with a batch mixing valid and poison
    /// messages: one poller and a batching window long enough for one batch of all six, so the valid messages, processed
    /// on the first delivery, fail with the poison ones and are dead-lettered with them. Redriven (count 1), they are
    /// skipped: their record under count 0 says completed.
    /// </summary>
    [Theory]
    [InlineData(1)] // every message poison
    [InlineData(2)] // a mixed batch: 3 valid, 3 poison
    public async Task RedriveDlqThenSqs_DeadLetterQueueUnreachableThenFixed_EveryMessageProcessedOnceNothingLeft(int poisonEvery)
    {
        const int messages = 6;
        var (samples, run) = await RunAsync(messages, poisonEvery, Unreachable, async (stages, tracker, ct) =>
        {
            // Settled once the poison messages are dead-lettered: the valid ones of their batch go with them.
            await WaitAsync(() => tracker.Samples.All(s => s.DeadLetter == DeadLetterPlace.BrokerDlq), "the whole batch in DLQ.orders", stages, ct);
            var first = tracker.Counts();
            // The first fix: the function's dead-letter queue reachable again. The broker's dead letters go back to
            // the queue; the handler skips the valid ones and, still failing the poison ones, dead-letters them to SQS now.
            await stages.EventSource.RedeployAsync("orders", deadLetterQueueUrl: null, ct);
            var fromDlq = Moved(await RedriveAsync(stages, ["dlq", "--queue", "orders"], ct));
            await WaitAsync(() => tracker.Samples.Where(s => s.Poison).All(s => s.DeadLetter == DeadLetterPlace.Sqs), "every redriven poison message in the SQS dead-letter queue", stages, ct);
            var second = tracker.Counts();
            // The second fix: the handler.
            var fromSqs = await FixAndRedriveSqsAsync(stages, tracker, ct);
            return new Steps(first, [("dlq", fromDlq), ("sqs", fromSqs)]) { Second = second };
        }, oneBatch: true);

        var valid = Ids(samples.Where(s => !s.Poison));
        var poison = PoisonIds(samples);
        Print(samples, run, $"poison={poison.Count} dead_lettered_broker={run.Steps.First.DeadLetteredBroker} dead_lettered_sqs_after_dlq_redrive={run.Steps.Second!.DeadLetteredSqs}");
        // SQS unreachable: the batch failed 7 times and the broker dead-lettered every message of it.
        Assert.Equal(messages, run.Steps.First.Sent);
        Assert.Equal(messages / poisonEvery, poison.Count);
        Assert.Equal(messages, run.Steps.First.DeadLetteredBroker);
        Assert.Equal(0, run.Steps.First.Processed);
        Assert.Equal(new List<(string, int)> { ("dlq", messages), ("sqs", poison.Count) }, run.Steps.Moved);
        Assert.Equal(poison.Count, run.Steps.Second.DeadLetteredSqs);
        AssertProcessedOnceNothingLeft(samples, run);
        // Valid: completed under count 0, nothing under 1 (the redriven copy was skipped; a skip writes nothing).
        // Poison: no record under 0 (each failed delivery released its claim), dead-lettered under 1, completed under 2.
        Assert.Equal(valid, KeysOf(run, "0", "COMPLETED"));
        Assert.Equal(poison, KeysOf(run, "1", "DEADLETTERED"));
        Assert.Equal(poison, KeysOf(run, "2", "COMPLETED"));
        Assert.Equal(valid.Count + 2 * poison.Count, run.Keys.Count);
    }

    private static void AssertProcessedOnceNothingLeft(IReadOnlyList<SampleRecord> samples, Outcome run)
    {
        Assert.Equal(0, run.SqsLeft);
        Assert.Equal(0, run.CloudLeft);
        // The function's log: every message processed, none twice.
        Assert.All(samples, s => Assert.True(s.ProcessedCount == 1, $"{s.SampleId} ({s.Kind}, poison {s.Poison}) was processed {s.ProcessedCount} times"));
        Assert.DoesNotContain(run.Keys, k => k.Status == "INPROGRESS");
    }

    /// <summary>
    /// The pipeline with the orders handler; once it settled, <paramref name="fix"/>; then what is left.
    /// <paramref name="oneBatch"/>: one poller with a 3 s batching window, so the messages sent at once share a batch.
    /// </summary>
    private async Task<(IReadOnlyList<SampleRecord> Samples, Outcome Outcome)> RunAsync(int messages, int poisonEvery, string? deadLetterQueueUrl,
        Func<PipelineStages, PipelineTracker, CancellationToken, Task<Steps>> fix, bool oneBatch = false)
    {
        var bootstrap = await PublishedBootstrap.GetAsync(Ct);
        // From the first broker's start: the function's publish (once per test run) is not the pipeline's time.
        var clock = Stopwatch.StartNew();
        var console = new StringWriter();
        PipelineRunner? runner = null;
        Outcome? outcome = null;
        runner = new PipelineRunner(new PipelineOptions
        {
            RepositoryRoot = RepositoryRoot.Path,
            BootstrapPath = bootstrap,
            Messages = messages,
            PoisonEvery = poisonEvery,
            Handler = "orders",
            DeadLetterQueueUrl = deadLetterQueueUrl,
            IdempotencyTable = Table,
            BatchSize = 10,
            Concurrency = oneBatch ? 1 : 2,
            BatchingWindow = oneBatch ? TimeSpan.FromSeconds(3) : LocalEventSource.Batching.BatchingOptions.DefaultWindow,
            Exit = true,
            SettleTimeout = TimeSpan.FromSeconds(45),
        }, console, new PipelineHooks
        {
            AfterSettle = async (stages, ct) =>
            {
                var steps = await fix(stages, runner!.Tracker!, ct);
                outcome = await LeftAsync(stages, steps, clock, ct);
            },
        });
        try
        {
            var result = await runner.RunAsync(Ct);
            Assert.NotNull(outcome);
            return (result.Samples, outcome);
        }
        finally
        {
            output.WriteLine(console.ToString());
        }
    }

    /// <summary>
    /// The fix of the handler and the SQS redrive: hands the dead letters over from the run's monitor, deploys the
    /// handler that accepts them, runs <c>redrive sqs</c> and waits until every message is processed.
    /// </summary>
    private async Task<int> FixAndRedriveSqsAsync(PipelineStages stages, PipelineTracker tracker, CancellationToken cancellationToken)
    {
        await stages.Monitor.ReleaseDeadLettersAsync(cancellationToken);
        await stages.EventSource.RedeployAsync(FixedHandler, deadLetterQueueUrl: null, cancellationToken);
        var moved = Moved(await RedriveAsync(stages, ["sqs", "--queue-url", stages.Moto.Moto.DeadLetterQueueUrl], cancellationToken));
        await WaitAsync(() => tracker.Samples.All(s => s.ProcessedCount > 0), "every message processed", stages, cancellationToken);
        return moved;
    }

    /// <summary>
    /// <c>scripts/forwarder.sh redrive</c> to the cloud broker, as an operator runs it (AWS: moto through the
    /// standard variables); its output goes to the test's.
    /// </summary>
    private async Task<ProcessResult> RedriveAsync(PipelineStages stages, string[] arguments, CancellationToken cancellationToken)
    {
        var command = new ProcessCommand(RepositoryRoot.File("scripts/forwarder.sh"),
            ["redrive", .. arguments, "--broker", stages.Cloud.Broker.StompUri.ToString(), "--progress-every", "1"])
        {
            Environment = new Dictionary<string, string?>
            {
                ["AWS_ACCESS_KEY_ID"] = LocalPipeline.Stages.Moto.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = LocalPipeline.Stages.Moto.SecretKey,
                ["AWS_REGION"] = LocalPipeline.Stages.Moto.Region,
                ["AWS_ENDPOINT_URL"] = stages.Moto.Moto.Endpoint.ToString().TrimEnd('/'),
            },
            DropInherited = name => name.StartsWith("FORWARDER", StringComparison.OrdinalIgnoreCase) || name.StartsWith("AWS_", StringComparison.Ordinal),
            WorkingDirectory = RepositoryRoot.Path,
        };
        var result = await ChildProcess.RunAsync(command, TimeSpan.FromMinutes(5), cancellationToken);
        output.WriteLine(result.Describe());
        return result.ThrowIfFailed("forwarder redrive failed");
    }

    /// <summary>N of the summary line <c>redrive: moved N message(s) from …</c>.</summary>
    private static int Moved(ProcessResult redrive)
    {
        const string Prefix = "redrive: moved ";
        var line = redrive.StdOut.Split('\n').Single(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        return int.Parse(line[Prefix.Length..line.IndexOf(' ', Prefix.Length)], CultureInfo.InvariantCulture);
    }

    private static async Task WaitAsync(Func<bool> done, string what, PipelineStages stages, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (!done())
        {
            stages.EventSource.ThrowIfFailed();
            if (waited.Elapsed > StepTimeout)
            {
                throw new TimeoutException($"not within {StepTimeout.TotalSeconds:0} s: {what}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>
    /// What is left once the cloud queue is empty (every delivery acknowledged, so nothing more can be processed):
    /// the SQS dead-letter queue's depth, the cloud queue and its DLQ, and the idempotency records.
    /// </summary>
    private async Task<Outcome> LeftAsync(PipelineStages stages, Steps steps, Stopwatch clock, CancellationToken cancellationToken)
    {
        var cloud = stages.Cloud.Broker.StompUri;
        var waited = Stopwatch.StartNew();
        int cloudLeft;
        while ((cloudLeft = await CountAsync(cloud, cancellationToken)) > 0 && waited.Elapsed < StepTimeout)
        {
            await Task.Delay(500, cancellationToken);
        }

        var moto = stages.Moto.Moto;
        using var sqs = moto.CreateSqsClient();
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = moto.DeadLetterQueueUrl,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        }, cancellationToken);
        using var dynamoDb = moto.CreateDynamoDbClient();
        var items = await dynamoDb.ScanAsync(new ScanRequest { TableName = Table }, cancellationToken);
        var keys = items.Items
            .Where(i => !i["pk"].S.StartsWith('@')) // the store's own bookkeeping (legacy-keys-read-since)
            .Select(i => IdempotencyItem.Of(i["pk"].S, i["status"].S))
            .ToList();
        foreach (var key in keys.OrderBy(k => k.OriginId, StringComparer.Ordinal).ThenBy(k => k.RedriveCount, StringComparer.Ordinal))
        {
            output.WriteLine($"idempotency record {key.Queue} redrive count {key.RedriveCount} {key.OriginId}: {key.Status}");
        }

        return new Outcome(steps, attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible, cloudLeft, keys, clock.Elapsed);
    }

    /// <summary>Messages on the cloud broker's queue and its <c>DLQ.</c>, browsed.</summary>
    private static async Task<int> CountAsync(Uri cloud, CancellationToken cancellationToken) =>
        (await QueueBrowser.BrowseAsync(cloud, "orders", NullLogger.Instance, cancellationToken)).Count
        + (await QueueBrowser.BrowseAsync(cloud, "DLQ.orders", NullLogger.Instance, cancellationToken)).Count;

    /// <summary>The counts the closing note reports, as one line.</summary>
    private void Print(IReadOnlyList<SampleRecord> samples, Outcome run, string deadLettered)
    {
        var redriven = string.Join(' ', run.Steps.Moved.Select(m => $"redriven_{m.From}={m.Count}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT sent={samples.Count} processed_before_fix={run.Steps.First.Processed} {deadLettered} {redriven} processed={samples.Count(s => s.ProcessedCount > 0)} processed_twice={samples.Count(s => s.ProcessedCount > 1)} lost={samples.Count(s => s.ProcessedCount == 0)} sqs_left={run.SqsLeft} cloud_left={run.CloudLeft} seconds={run.Elapsed.TotalSeconds:0}"));
    }

    private static List<string> PoisonIds(IReadOnlyList<SampleRecord> samples) => Ids(samples.Where(s => s.Poison));

    private static List<string> Ids(IEnumerable<SampleRecord> samples) => [.. samples.Select(s => s.JmsId).Order(StringComparer.Ordinal)];

    private static List<string> KeysOf(Outcome run, string redriveCount, string status) =>
        [.. run.Keys.Where(k => k.RedriveCount == redriveCount && k.Status == status).Select(k => k.OriginId).Order(StringComparer.Ordinal)];

    /// <summary>What the fixes did: the counts when the first run settled (and after a second step), what each redrive moved.</summary>
    private sealed record Steps(PipelineCounts First, List<(string From, int Count)> Moved)
    {
        public PipelineCounts? Second { get; init; }
    }

    private sealed record Outcome(Steps Steps, int SqsLeft, int CloudLeft, List<IdempotencyItem> Keys, TimeSpan Elapsed);

    /// <summary>An idempotency record: its key (<c>&lt;n&gt;:&lt;queue&gt;/&lt;n&gt;:&lt;redrive count&gt;/&lt;origin id&gt;</c>) taken apart, and its status.</summary>
    private sealed record IdempotencyItem(string Queue, string RedriveCount, string OriginId, string Status)
    {
        public static IdempotencyItem Of(string key, string status)
        {
            var (queue, rest) = Part(key);
            var (count, id) = Part(rest);
            return new IdempotencyItem(queue, count, id, status);
        }

        private static (string Head, string Tail) Part(string text)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var length = int.Parse(text[..colon], CultureInfo.InvariantCulture);
            return (text.Substring(colon + 1, length), text[(colon + 1 + length + 1)..]);
        }
    }
}
