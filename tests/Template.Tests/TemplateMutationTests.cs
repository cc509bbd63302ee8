namespace Template.Tests;

/// <summary>A template broken on purpose must fail the check that guards it: the checks are not vacuous.</summary>
public sealed class TemplateMutationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("template-mutant-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("Action: s3:PutObject", "Action: 's3:*'", "transform", "role grants ['s3:*']")]
    [InlineData("Resource: !GetAtt DeadLetterQueue.Arn", "Resource: '*'", "transform", "grants ['sqs:SendMessage'] on '*'")]
    [InlineData("!If [HasBatchingWindow, !Ref MaximumBatchingWindowInSeconds, !Ref AWS::NoValue]", "1", "transform",
        "AWS's 500 ms default lost")]
    [InlineData("write=\"forwarders,redrivers,admins,activemq-webconsole\"", "write=\"forwarders,redrivers,consumers,admins\"", "transform",
        "group consumers (Lambda) may write orders")]
    [InlineData("ExcludePunctuation: true", "ExcludePunctuation: false", "transform", "may generate , : =")]
    [InlineData("Handler: bootstrap", "Handler: nosuch", "transform", "Handler nosuch")]
    [InlineData("Tracing: Active # X-Ray", "Tracing: PassThrough # X-Ray", "transform", "should be X-Ray Active")]
    [InlineData("Action: [xray:PutTraceSegments, xray:PutTelemetryRecords]",
        "Action: [xray:PutTraceSegments, xray:PutTelemetryRecords, xray:GetTraceSummaries]", "transform",
        "statement XRayTraces grants ['xray:GetTraceSummaries'] on '*'")]
    [InlineData("MetricName: FailedBatches", "MetricName: Failures", "transform", "no batch-retry alarm on MqBridge/FailedBatches")]
    [InlineData("MetricName: ConsumerCount", "MetricName: TotalConsumerCount", "transform", "queue-without-consumer alarms")]
    [InlineData("Conditions:\n", "Conditions:\n  Unused: !Equals [a, b]\n", "lint", "W8001")]
    public async Task Check_BrokenTemplate_ReportsTheFinding(string original, string replacement, string check, string expected)
    {
        var template = await File.ReadAllTextAsync(RepositoryRoot.File("template.yaml"), Ct);
        Assert.Contains(original, template, StringComparison.Ordinal);
        var mutant = Path.Combine(_directory, "template.yaml");
        var index = template.IndexOf(original, StringComparison.Ordinal);
        await File.WriteAllTextAsync(
            mutant,
            string.Concat(template.AsSpan(0, index), replacement, template.AsSpan(index + original.Length)),
            Ct);

        var result = await TemplateChecks.RunAsync(check, mutant, Ct);

        Assert.True(result.ExitCode != 0, $"replacing `{original}` with `{replacement}` should fail `{check}`. " + result.Describe());
        Assert.Contains(expected, result.StdOut, StringComparison.Ordinal);
    }
}
