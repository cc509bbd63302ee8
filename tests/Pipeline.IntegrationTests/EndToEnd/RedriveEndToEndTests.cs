using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS.Model;
using Harness;
using LocalPipeline;
using LocalPipeline.Reporting;
using LocalPipeline.Run;
using LocalPipeline.Tracking;

namespace Pipeline.IntegrationTests.EndToEnd;

/// <summary>
/// The operator's way back after a fix, on the whole local pipeline (real brokers, the forwarder, the local event
/// source, the published bootstrap, moto with the idempotency keys in DynamoDB as deployed): the <c>orders</c> handler
/// dead-letters the poison messages to SQS; then the function is deployed again with a handler that accepts them
/// (<c>echo</c> takes any body: the "fix" is a deployment, as an operator's is, and the function's code has no switch
/// for this test), and <c>scripts/forwarder.sh redrive sqs</c> moves the dead letters back to the cloud queue.
/// Every message must then be processed exactly once, by the function's own log and by its idempotency records.
/// </summary>
public sealed class RedriveEndToEndTests(ITestOutputHelper output)
{
    private const int Messages = 20;
    private const string Table = "redrive-idempotency";
    private const string FixedHandler = "echo";

    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task RedriveSqs_PoisonDeadLetteredThenHandlerFixed_EveryMessageProcessedOnceNothingLeft()
    {
        var clock = Stopwatch.StartNew();
        var bootstrap = await PublishedBootstrap.GetAsync(Ct);
        var console = new StringWriter();
        PipelineRunner? runner = null;
        AfterRedrive? after = null;
        runner = new PipelineRunner(new PipelineOptions
        {
            RepositoryRoot = RepositoryRoot.Path,
            BootstrapPath = bootstrap,
            Messages = Messages,
            PoisonEvery = 5,
            Handler = "orders",
            IdempotencyTable = Table,
            BatchSize = 10,
            Concurrency = 2,
            Exit = true,
            SettleTimeout = TimeSpan.FromSeconds(45),
        }, console, new PipelineHooks { AfterSettle = async (stages, ct) => after = await FixAndRedriveAsync(stages, runner!.Tracker!, ct) });
        PipelineResult result;
        try
        {
            result = await runner.RunAsync(Ct);
        }
        finally
        {
            output.WriteLine(console.ToString());
        }

        Assert.NotNull(after);
        var before = after.Before;
        var samples = result.Samples;
        var poison = samples.Where(s => s.Poison).Select(s => s.JmsId).ToHashSet(StringComparer.Ordinal);
        var processed = samples.Count(s => s.ProcessedCount > 0);
        var twice = samples.Count(s => s.ProcessedCount > 1);
        var lost = samples.Count(s => s.ProcessedCount == 0);
        output.WriteLine(after.Redrive.Describe());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT sent={before.Sent} processed_first={before.Processed} dead_lettered={before.DeadLetteredSqs} redriven={after.Moved} processed={processed} processed_twice={twice} lost={lost} sqs_left={after.SqsLeft} cloud_left={after.CloudLeft} seconds={clock.Elapsed.TotalSeconds:0}"));

        // Before the fix: the valid orders processed, the poison ones (a quarter text, bytes; see LegacyProducer) in SQS.
        Assert.Equal(Messages, before.Sent);
        Assert.Equal(Messages / 5, poison.Count);
        Assert.Equal(poison.Count, before.DeadLetteredSqs);
        Assert.Equal(Messages - poison.Count, before.Processed);
        Assert.Equal(0, before.Lost);
        // The redrive moved exactly the dead letters, and nothing is left anywhere.
        Assert.Equal(poison.Count, after.Moved);
        Assert.Equal(0, after.SqsLeft);
        Assert.Equal(0, after.CloudLeft);
        // The function's log: every message processed, none twice.
        Assert.All(samples, s => Assert.True(s.ProcessedCount == 1, $"{s.SampleId} ({s.Kind}, poison {s.Poison}) was processed {s.ProcessedCount} times"));
        // Its idempotency records: each message completed once under its key; the poison ones dead-lettered under
        // redrive count 0 and completed under 1, the key the redriven copy carries.
        var keys = after.Keys;
        Assert.DoesNotContain(keys, k => k.Status == "INPROGRESS");
        Assert.Equal(
            samples.Select(s => s.JmsId).Order(StringComparer.Ordinal),
            keys.Where(k => k.Status == "COMPLETED").Select(k => k.OriginId).Order(StringComparer.Ordinal));
        Assert.Equal(poison.Order(StringComparer.Ordinal), keys.Where(k => k.Status == "DEADLETTERED" && k.RedriveCount == "0").Select(k => k.OriginId).Order(StringComparer.Ordinal));
        Assert.Equal(poison.Order(StringComparer.Ordinal), keys.Where(k => k.Status == "COMPLETED" && k.RedriveCount == "1").Select(k => k.OriginId).Order(StringComparer.Ordinal));
        Assert.Equal(Messages + poison.Count, keys.Count);
    }

    /// <summary>
    /// After the first run settled: hands the SQS dead letters over, deploys the fix, runs the redrive through the
    /// real CLI and waits until every message is processed and the cloud queue is empty; then reads what is left.
    /// </summary>
    private async Task<AfterRedrive> FixAndRedriveAsync(PipelineStages stages, PipelineTracker tracker, CancellationToken cancellationToken)
    {
        var before = tracker.Counts();
        var moto = stages.Moto.Moto;
        await stages.Monitor.ReleaseDeadLettersAsync(cancellationToken);
        await stages.EventSource.RedeployAsync(FixedHandler, cancellationToken);

        var redrive = await RedriveAsync(stages, cancellationToken);
        redrive.ThrowIfFailed("forwarder redrive sqs failed");
        var moved = Moved(redrive.StdOut);

        var cloud = stages.Cloud.Broker.StompUri;
        var deadline = Stopwatch.StartNew();
        int cloudLeft;
        while ((tracker.Samples.Any(s => s.ProcessedCount == 0) || (cloudLeft = await CountAsync(cloud, cancellationToken)) > 0) && deadline.Elapsed < ProcessTimeout)
        {
            stages.EventSource.ThrowIfFailed();
            await Task.Delay(500, cancellationToken);
        }

        cloudLeft = await CountAsync(cloud, cancellationToken);
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
        foreach (var key in keys.OrderBy(k => k.OriginId, StringComparer.Ordinal))
        {
            output.WriteLine($"idempotency record {key.Queue} redrive {key.RedriveCount} {key.OriginId}: {key.Status}");
        }

        return new AfterRedrive(before, redrive, moved, attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible, cloudLeft, keys);
    }

    /// <summary><c>scripts/forwarder.sh redrive sqs</c> from moto's dead-letter queue to the cloud broker, as an operator runs it.</summary>
    private static Task<ProcessResult> RedriveAsync(PipelineStages stages, CancellationToken cancellationToken)
    {
        var moto = stages.Moto.Moto;
        var command = new ProcessCommand(RepositoryRoot.File("scripts/forwarder.sh"),
            ["redrive", "sqs", "--queue-url", moto.DeadLetterQueueUrl, "--broker", stages.Cloud.Broker.StompUri.ToString(), "--progress-every", "1"])
        {
            Environment = new Dictionary<string, string?>
            {
                ["AWS_ACCESS_KEY_ID"] = LocalPipeline.Stages.Moto.AccessKey,
                ["AWS_SECRET_ACCESS_KEY"] = LocalPipeline.Stages.Moto.SecretKey,
                ["AWS_REGION"] = LocalPipeline.Stages.Moto.Region,
                ["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString().TrimEnd('/'),
            },
            DropInherited = name => name.StartsWith("FORWARDER", StringComparison.OrdinalIgnoreCase) || name.StartsWith("AWS_", StringComparison.Ordinal),
            WorkingDirectory = RepositoryRoot.Path,
        };
        return ChildProcess.RunAsync(command, TimeSpan.FromMinutes(5), cancellationToken);
    }

    /// <summary>N of the summary line <c>redrive: moved N message(s) from …</c>.</summary>
    private static int Moved(string stdout)
    {
        const string Prefix = "redrive: moved ";
        var line = stdout.Split('\n').Single(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        return int.Parse(line[Prefix.Length..line.IndexOf(' ', Prefix.Length)], CultureInfo.InvariantCulture);
    }

    /// <summary>Messages on the cloud broker's queue and its <c>DLQ.</c>, browsed.</summary>
    private static async Task<int> CountAsync(Uri cloud, CancellationToken cancellationToken) =>
        (await QueueBrowser.BrowseAsync(cloud, "orders", NullLogger.Instance, cancellationToken)).Count
        + (await QueueBrowser.BrowseAsync(cloud, "DLQ.orders", NullLogger.Instance, cancellationToken)).Count;

    private sealed record AfterRedrive(PipelineCounts Before, ProcessResult Redrive, int Moved, int SqsLeft, int CloudLeft, List<IdempotencyItem> Keys);

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
