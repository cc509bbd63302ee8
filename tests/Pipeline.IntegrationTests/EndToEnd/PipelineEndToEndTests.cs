using Harness;
using LocalPipeline;
using LocalPipeline.Reporting;
using LocalPipeline.Tracking;

namespace Pipeline.IntegrationTests.EndToEnd;

/// <summary>
/// The whole pipeline, as scripts/pipeline.sh runs it: real brokers onprem and cloud, the forwarder (or ActiveMQ's
/// network connector while scripts/forwarder.sh is absent), moto's SQS, the local event source and the real
/// bootstrap, fed by the legacy JMS producer over OpenWire.
/// </summary>
public sealed class PipelineEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_OrdersWithPoisonAndLooped_EveryMessageProcessedOrDeadLetteredWhereItBelongs()
    {
        const int messages = 40;
        var result = await RunAsync(new PipelineOptionsDraft(messages, PoisonEvery: 10, Handler: "orders", LoopEvery: 7));

        var samples = result.Samples.ToDictionary(s => s.SampleId);
        Assert.Equal(messages, result.Counts.Sent);
        Assert.Equal(0, result.Counts.Lost);
        Assert.Equal(messages, result.Counts.Processed + result.Counts.DeadLettered);
        Assert.All(samples.Values.Where(s => !s.Poison && !s.Looped), s => Assert.True(s.IsProcessed, $"{s.SampleId} ({s.Kind}) was not processed: {s.DeadLetter} {s.DeadLetterDetail}"));
        // Messages claiming fwd_hops=99 are parked by the forwarder's loop prevention on onprem, never forwarded.
        var looped = samples.Values.Where(s => s.Looped).ToList();
        Assert.Equal(5, looped.Count);
        Assert.All(looped, s => Assert.Equal(DeadLetterPlace.ForwarderParking, s.DeadLetter));
        Assert.Equal(5, result.Counts.Parked);
        var poison = samples.Values.Where(s => s.Poison).ToList();
        Assert.Equal(messages / 10, poison.Count);
        var letters = _tracker!.SqsDeadLetters.Where(l => l.SampleId is not null).ToDictionary(l => l.SampleId!);
        foreach (var p in poison)
        {
            Assert.Equal(DeadLetterPlace.Sqs, p.DeadLetter);
            var letter = letters[p.SampleId];
            // The producer's body, byte for byte, and the JMS headers it set.
            Assert.Equal(PoisonBody(p), letter.Body.ToArray());
            Assert.Equal("corr-" + p.SampleId, letter.CorrelationId);
            Assert.Equal(p.JmsId, letter.OriginalId);
            using var provenance = JsonDocument.Parse(letter.Provenance!);
            var index = int.Parse(p.SampleId[^6..], System.Globalization.CultureInfo.InvariantCulture);
            var where = provenance.RootElement;
            // Every 4th was sent non-persistent; the forwarder's durability rule (PersistentDelivery) stores every copy persistent.
            Assert.Equal(2, where.GetProperty("deliveryMode").GetInt32());
            Assert.Equal("orders", where.GetProperty("queue").GetString());
            Assert.Equal("aws:mq", where.GetProperty("eventSource").GetString());
            Assert.StartsWith("arn:aws:mq:", where.GetProperty("brokerArn").GetString(), StringComparison.Ordinal);
            Assert.Equal(p.Kind == "bytes" ? "legacy.order.bytes" : "legacy.order.text", where.GetProperty("type").GetString());
            Assert.Equal(index % 10, where.GetProperty("priority").GetInt32());
            Assert.Equal("queue://orders.Reply", where.GetProperty("replyTo").GetString());
            var timestamp = long.Parse(where.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(timestamp, p.SentAt, p.SentAt + 1_000);
            Assert.Equal(index % 2 == 0 ? timestamp + 3_600_000 : 0, long.Parse(where.GetProperty("expiration").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            // Every property the producer set, as the exact string (numbers as Java prints them), plus the forwarder's.
            output.WriteLine($"dead letter {p.SampleId}: provenance {letter.Provenance} properties {letter.Attributes.GetValueOrDefault("properties")}");
            var properties = JsonSerializer.Deserialize<Dictionary<string, string>>(letter.Attributes["properties"])!;
            Assert.Equal(ProducerProperties(p, index), properties.Where(e => !e.Key.StartsWith("fwd_", StringComparison.Ordinal)).OrderBy(e => e.Key, StringComparer.Ordinal));
            Assert.Equal(p.JmsId, properties["fwd_origin_id"]);
            Assert.All(["fwd_origin_queue", "fwd_link", "fwd_time", "fwd_hops"], name => Assert.True(properties.ContainsKey(name), $"{name} missing in {letter.Attributes["properties"]}"));
        }
    }

    /// <summary>The properties local/producer/LegacyProducer.java sets on sample <paramref name="index"/>, as Java prints them.</summary>
    private static IEnumerable<KeyValuePair<string, string>> ProducerProperties(SampleRecord sample, int index)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var weight = index * 1.25;
        return new Dictionary<string, string>
        {
            ["sample_id"] = sample.SampleId,
            ["sent_at_ms"] = sample.SentAt.ToString(invariant),
            ["seq"] = index.ToString(invariant),
            ["poison"] = sample.Poison ? "true" : "false",
            ["plant"] = (index % 7).ToString(invariant),
            ["line"] = (-(index % 5)).ToString(invariant),
            // Java's Double.toString keeps ".0" on whole numbers (25.0); these are all short decimals.
            ["weight"] = weight == Math.Floor(weight) ? weight.ToString("0", invariant) + ".0" : weight.ToString("R", invariant),
            ["ratio"] = "0.5",
            ["big"] = "9007199254740993",
            ["origin"] = "legacy-erp ü",
        }.OrderBy(e => e.Key, StringComparer.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EchoHandler_TextWithSupplementaryCharactersArrivesAsUtf8()
    {
        var result = await RunAsync(new PipelineOptionsDraft(6, PoisonEvery: 0, Handler: "echo"));

        Assert.Equal(6, result.Counts.Processed);
        Assert.Equal(0, result.Counts.Lost);
        // Modified UTF-8 (CESU-8 surrogates) from the broker must reach the handler as standard UTF-8.
        var log = await File.ReadAllTextAsync(Path.Combine(result.WorkDirectory, "function.log"), Ct);
        Assert.Contains("text order \U0001F680 ü", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SqsUnreachable_BatchesRedeliveredSixTimesThenInBrokerDlq()
    {
        const int messages = 6;
        var result = await RunAsync(new PipelineOptionsDraft(messages, PoisonEvery: 1, Handler: "orders", DeadLetterQueueUrl: "http://127.0.0.1:9/000000000000/unreachable"));

        // Every message is poison and the function cannot dead-letter it, so every batch fails: nothing is lost,
        // everything ends in the cloud broker's DLQ.orders after 7 deliveries.
        Assert.Equal(messages, result.Counts.Sent);
        Assert.Equal(0, result.Counts.Lost);
        Assert.Equal(messages, result.Counts.DeadLetteredBroker);
        Assert.All(result.Samples, s => Assert.Contains("failed 7 deliveries (6 redeliveries)", s.DeadLetterDetail, StringComparison.Ordinal));
    }

    private PipelineTracker? _tracker;

    private async Task<PipelineResult> RunAsync(PipelineOptionsDraft draft)
    {
        var bootstrap = await PublishedBootstrap.GetAsync(Ct);
        var console = new StringWriter();
        var runner = new PipelineRunner(new PipelineOptions
        {
            RepositoryRoot = RepositoryRoot.Path,
            BootstrapPath = bootstrap,
            Messages = draft.Messages,
            PoisonEvery = draft.PoisonEvery,
            LoopEvery = draft.LoopEvery,
            Handler = draft.Handler,
            DeadLetterQueueUrl = draft.DeadLetterQueueUrl,
            BatchSize = 10,
            Concurrency = 2,
            Exit = true,
            SettleTimeout = TimeSpan.FromSeconds(45),
        }, console);
        try
        {
            var result = await runner.RunAsync(Ct);
            _tracker = runner.Tracker;
            output.WriteLine(console.ToString());
            foreach (var line in result.Summary())
            {
                output.WriteLine(line);
            }

            output.WriteLine(result.ResultLine);
            return result;
        }
        catch
        {
            output.WriteLine(console.ToString());
            throw;
        }
    }

    /// <summary>What local/producer/LegacyProducer.java sends as poison for this sample.</summary>
    private static byte[] PoisonBody(SampleRecord sample)
    {
        if (sample.Kind == "bytes")
        {
            return [0x00, 0xFF, 0xFE, 0x01, (byte)'{', 0x00];
        }

        var id = sample.SampleId;
        var text = JavaHashCode(id) % 2 == 0
            ? "{\"orderId\": \"" + id + "\", \"quantity\": not-a-number"
            : "{\"orderId\":\"" + id + "\",\"customerId\":\"c-42\",\"currency\":\"euro\",\"lines\":[]}";
        return Encoding.UTF8.GetBytes(text);
    }

    private static int JavaHashCode(string s)
    {
        var h = 0;
        foreach (var c in s)
        {
            h = unchecked((31 * h) + c);
        }

        return h;
    }

    private sealed record PipelineOptionsDraft(int Messages, int PoisonEvery, string Handler, string? DeadLetterQueueUrl = null, int LoopEvery = 0);
}
