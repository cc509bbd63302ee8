using LocalEventSource.Polling;
using LocalPipeline.Reporting;

namespace Local.Tests.Pipeline;

public sealed class PipelineTrackerTests
{
    private const string JmsId = "ID:vm-1-1:1:1:1:1";

    [Fact]
    public void Counts_MessageFollowedThroughEveryStage_IsProcessedWithLatencies()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));
        var tracker = new PipelineTracker(time, _ => { });
        var observer = tracker;

        // The cloud copy can arrive before the producer's line is read.
        observer.Received(1, Message("ID:cloud-1", redelivered: false, receivedAt: 1_000_030));
        tracker.ProducerLine($"SENT sample_id=r1-000001 kind=text poison=false sent_at_ms=1000000 jms_id={JmsId}");
        time.Advance(TimeSpan.FromMilliseconds(50));
        observer.Invoking(1, [Message("ID:cloud-1", redelivered: false, receivedAt: 1_000_030)]);
        time.Advance(TimeSpan.FromMilliseconds(20));
        // The function's JSON log record for the message (AWS_LAMBDA_LOG_FORMAT=JSON): event id 2001 with its fields.
        observer.FunctionOutput(1, $$"""{"timestamp":"2026-11-25T13:24:49.852Z","level":"INFO","requestId":"req","message":"Message ID:cloud-1 (original {{JmsId}}): processed","category":"Functions.Processing.BatchProcessor","eventId":2001,"eventName":"MessageProcessed","MessageId":"ID:cloud-1","OriginalId":"{{JmsId}}"}""");

        var counts = tracker.Counts();
        Assert.Equal((1, 1, 1, 1, 0, 0), (counts.Sent, counts.Forwarded, counts.Invoked, counts.Processed, counts.DeadLettered, counts.Lost));
        var result = new PipelineResult(counts, tracker.Samples, "/tmp/x", "test");
        Assert.Equal([70L], result.EndToEndMs);
        Assert.Equal([30L], result.ForwardHopMs);
        Assert.Equal("RESULT sent=1 forwarded=1 processed=1 dead_lettered=0 lost=0 p50_ms=70 p99_ms=70", result.ResultLine);
    }

    [Fact]
    public void Counts_PoisonInSqsAndUnknownMessage_CountsDeadLetteredAndLost()
    {
        var tracker = new PipelineTracker(TimeProvider.System, _ => { });
        tracker.ProducerLine($"SENT sample_id=r1-000001 kind=text poison=true sent_at_ms=1 jms_id={JmsId}");
        tracker.ProducerLine("SENT sample_id=r1-000002 kind=bytes poison=false sent_at_ms=2 jms_id=ID:other");
        tracker.SqsDeadLetter(new SqsDeadLetter { Body = "x"u8.ToArray(), OriginalId = JmsId, CorrelationId = "corr-r1-000001" });

        var counts = tracker.Counts();

        Assert.Equal((2, 0, 1, 1, 1), (counts.Sent, counts.Processed, counts.DeadLetteredSqs, counts.DeadLettered, counts.Lost));
        Assert.Equal("r1-000001", Assert.Single(tracker.SqsDeadLetters).SampleId);
    }

    [Theory]
    [InlineData(new long[] { }, 50, 0)]
    [InlineData(new long[] { 5 }, 99, 5)]
    [InlineData(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 50, 5)]
    [InlineData(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 99, 10)]
    public void Percentile_SortedSamples_IsNearestRank(long[] sorted, int percentile, long expected) =>
        Assert.Equal(expected, PipelineResult.Percentile(sorted, percentile));

    private static ReceivedMessage Message(string id, bool redelivered, long receivedAt) =>
        new(id, "/queue/orders", new Dictionary<string, string> { ["message-id"] = id, ["sample_id"] = "r1-000001", [ProvenanceProperties.OriginId] = JmsId }, "{}"u8.ToArray(), false, redelivered, receivedAt);
}
