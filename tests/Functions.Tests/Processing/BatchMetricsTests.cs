using System.Globalization;
using System.Text.Json.Nodes;

namespace Functions.Tests.Processing;

/// <summary>
/// Each invocation writes one valid Embedded Metric Format line with its outcome counts, and Lambda's log-level
/// filter keeps it at every <c>ApplicationLogLevel</c> the template allows.
/// </summary>
public sealed class BatchMetricsTests
{
    private static readonly string[] MetricNames = ["Processed", "Skipped", "DeadLettered", "Retried", "FailedBatches"];

    public static TheoryData<string, string> LevelsAndOutcomes()
    {
        var data = new TheoryData<string, string>();
        foreach (var level in new[] { "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL" })
        {
            foreach (var outcome in new[] { "processed", "skipped", "dead-lettered", "retried" })
            {
                data.Add(level, outcome);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LevelsAndOutcomes))]
    public async Task InvokeAsync_EveryLogLevelAndOutcome_WritesOneEmfLineLambdaKeeps(string applicationLogLevel, string outcome)
    {
        var harness = ProcessorHarness.ForText(Handle, out _);
        using var stdout = new MemoryStream();
        using var logs = new LambdaLoggerProvider(LambdaLogFormat.Json, LambdaLogLevels.Parse(applicationLogLevel), stdout, harness.Time);
        var processor = harness.ProcessorWith(harness.Store, new BatchMetrics(logs, logs.MinimumLevel, "orders-fn", harness.Time));
        var payload = TestEvents.ActiveMq(TestEvents.TextMessage("ID:1", outcome));
        if (outcome == "skipped")
        {
            await processor.InvokeAsync(payload, harness.NewContext("req-0"), Ct);
            stdout.SetLength(0);
        }

        try
        {
            await processor.InvokeAsync(payload, harness.NewContext(), Ct);
        }
        catch (FunctionErrorException ex) when (outcome == "retried")
        {
            Assert.Equal(BatchProcessor.BatchRetryErrorType, ex.ErrorType);
        }

        var line = Assert.Single(Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var document = AssertValidEmf(line);
        AssertLambdaKeeps(document, applicationLogLevel);
        Assert.Equal(("orders-fn", "orders", "req-1"), ((string?)document["FunctionName"], (string?)document["Queue"], (string?)document["requestId"]));
        var expected = outcome switch
        {
            "processed" => (1, 0, 0, 0, 0),
            "skipped" => (0, 1, 0, 0, 0),
            "dead-lettered" => (0, 0, 1, 0, 0),
            _ => (0, 0, 0, 1, 1),
        };
        Assert.Equal(expected, ((int)document["Processed"]!, (int)document["Skipped"]!, (int)document["DeadLettered"]!, (int)document["Retried"]!, (int)document["FailedBatches"]!));
    }

    [Fact]
    public async Task InvokeAsync_TwoInvocations_WritesOneLinePerBatch()
    {
        var harness = ProcessorHarness.ForText(Handle, out _);

        await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:1", "processed"), TestEvents.TextMessage("ID:2", "dead-lettered")));
        await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:3", "processed")), "req-2");

        Assert.Equal([(1, 1), (1, 0)], harness.MetricsLines.Lines
            .Select(AssertValidEmf)
            .Select(d => ((int)d["Processed"]!, (int)d["DeadLettered"]!)));
    }

    private static ValueTask<HandlerResult> Handle(string body, MessageContext context, CancellationToken cancellationToken) => body switch
    {
        "dead-lettered" => ValueTask.FromResult(HandlerResult.Poison("bad")),
        "retried" => throw new TransientException("later"),
        _ => ValueTask.FromResult(HandlerResult.Processed),
    };

    /// <summary>The EMF specification's rules: a <c>_aws</c> object, every dimension and metric a member of the root.</summary>
    private static JsonObject AssertValidEmf(string line)
    {
        var root = Assert.IsType<JsonObject>(JsonNode.Parse(line));
        var aws = Assert.IsType<JsonObject>(root["_aws"]);
        Assert.True(aws["Timestamp"]!.GetValue<long>() > 0);
        var directive = Assert.IsType<JsonObject>(Assert.Single(aws["CloudWatchMetrics"]!.AsArray()));
        Assert.Equal(BatchMetrics.Namespace, (string?)directive["Namespace"]);
        var dimensionSet = Assert.Single(directive["Dimensions"]!.AsArray())!.AsArray();
        Assert.Equal(["FunctionName", "Queue"], dimensionSet.Select(d => (string?)d));
        foreach (var dimension in dimensionSet)
        {
            Assert.False(string.IsNullOrEmpty(root[(string)dimension!]!.GetValue<string>()));
        }

        var metrics = directive["Metrics"]!.AsArray();
        Assert.Equal(MetricNames, metrics.Select(m => (string?)m!["Name"]));
        foreach (var metric in metrics)
        {
            Assert.Equal("Count", (string?)metric!["Unit"]);
            Assert.True(root[(string)metric["Name"]!]!.GetValue<int>() >= 0);
        }

        return root;
    }

    /// <summary>
    /// Lambda's filter for custom runtimes: a line without a valid <c>level</c> or RFC 3339 <c>timestamp</c> counts as
    /// INFO; lines below the application log level are dropped.
    /// </summary>
    private static void AssertLambdaKeeps(JsonObject line, string applicationLogLevel)
    {
        Assert.True(DateTimeOffset.TryParseExact((string?)line["timestamp"], "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out _), $"timestamp {line["timestamp"]} is not RFC 3339");
        var level = (string?)line["level"];
        Assert.Equal(level, LambdaLogLevels.Name(LambdaLogLevels.Parse(level)));
        Assert.True(LambdaLogLevels.Parse(level) >= LambdaLogLevels.Parse(applicationLogLevel),
            $"level {level} is below ApplicationLogLevel {applicationLogLevel}: Lambda would drop the metrics");
    }
}
