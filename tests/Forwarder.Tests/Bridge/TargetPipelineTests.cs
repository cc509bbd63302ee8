namespace Forwarder.Tests.Bridge;

public sealed class TargetPipelineTests
{
    private readonly FakeBrokers _brokers = new();
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void StartSends_Backlog_CutsBatchesUntilThePipelineIsFull()
    {
        var pending = Pending(10);
        var pipeline = new TargetPipeline(batchSize: 3, depth: 2, _clock);

        Assert.True(pipeline.StartSends(pending, Sink()));

        Assert.Equal([3, 3], _brokers.Batches);
        Assert.Equal(6, pipeline.SentCount);
        Assert.False(pipeline.StartSends(pending, Sink()));
    }

    [Fact]
    public async Task OldestSendAge_BatchesSentAndRemoved_FollowsTheOldestInFlight()
    {
        using var metrics = new ForwarderMetrics(_clock);
        var pending = Pending(4);
        var pipeline = new TargetPipeline(batchSize: 2, depth: 2, _clock, metrics.OldestSendStarted);
        Assert.Null(metrics.OldestSendAge);

        pipeline.StartSends(pending, Sink());
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(TimeSpan.FromSeconds(31), metrics.OldestSendAge);

        pipeline.RemoveOldest();
        Assert.Equal(TimeSpan.FromSeconds(31), metrics.OldestSendAge);
        await pipeline.AbandonAsync(isolateNext: 0);
        Assert.Null(metrics.OldestSendAge);
    }

    [Fact]
    public void StartSends_BatchBytes_CutsBatchesByBodyBytesAndSendsALargerMessageAlone()
    {
        var pending = new PendingMessages();
        foreach (var (id, size) in new[] { ("a", 3), ("b", 3), ("c", 3), ("big", 20), ("d", 1), ("e", 1) })
        {
            var message = TestMessages.Inbound(id, body: new string('x', size));
            pending.Add(message);
            pending.SetMapped(message, TestMessages.Outbound(message));
        }

        var pipeline = new TargetPipeline(batchSize: 10, depth: 8, _clock, batchBytes: 7);

        pipeline.StartSends(pending, Sink());

        Assert.Equal([2, 1, 1, 2], _brokers.Batches);
        Assert.Equal(6, pipeline.SentCount);
    }

    [Fact]
    public void StartSends_InOrder_EachBatchTheNextMessages()
    {
        var pending = Pending(5);
        var pipeline = new TargetPipeline(batchSize: 2, depth: 4, _clock);

        pipeline.StartSends(pending, Sink());

        Assert.Equal([2, 2, 1], _brokers.Batches);
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], _brokers.Delivered.Select(m => System.Text.Encoding.UTF8.GetString(m.Body.Span)));
    }

    [Fact]
    public void RemoveOldest_Confirmed_MakesRoomAndKeepsSentCount()
    {
        var pending = Pending(10);
        var pipeline = new TargetPipeline(batchSize: 3, depth: 2, _clock);
        pipeline.StartSends(pending, Sink());
        _clock.Advance(TimeSpan.FromMilliseconds(40));

        var oldest = pipeline.RemoveOldest();
        pending.RemoveHead(oldest.Messages);

        Assert.Equal(TimeSpan.FromMilliseconds(40), _clock.GetElapsedTime(oldest.Started));
        Assert.Equal(3, pipeline.SentCount);
        Assert.True(pipeline.StartSends(pending, Sink()));
        Assert.Equal([3, 3, 3], _brokers.Batches);
    }

    [Fact]
    public async Task AbandonAsync_AfterFailure_SendsOneAtATimeUnpipelinedUntilSettled()
    {
        var pending = Pending(4);
        var pipeline = new TargetPipeline(batchSize: 3, depth: 2, _clock);
        pipeline.StartSends(pending, Sink());

        await pipeline.AbandonAsync(isolateNext: 2);

        Assert.Equal(0, pipeline.SentCount);
        Assert.True(pipeline.StartSends(pending, Sink()));
        Assert.Equal([3, 1, 1], _brokers.Batches);
        Assert.True(pipeline.ShouldAwaitOldest(started: true, idle: false));

        pending.RemoveHead(pipeline.RemoveOldest().Messages);
        pipeline.Settled(1);
        pipeline.StartSends(pending, Sink());
        pending.RemoveHead(pipeline.RemoveOldest().Messages);
        pipeline.Settled(1);
        pipeline.StartSends(pending, Sink());

        // Isolation over: the remaining two go as one batch again.
        Assert.Equal([3, 1, 1, 1, 2], _brokers.Batches);
    }

    [Theory]
    [InlineData(1, true, false, false)]
    [InlineData(1, false, false, true)]
    [InlineData(1, true, true, true)]
    [InlineData(2, true, false, true)]
    public void ShouldAwaitOldest_WhenFullIdleOrNothingStarted(int batches, bool started, bool idle, bool expected)
    {
        var pipeline = new TargetPipeline(batchSize: 1, depth: 2, _clock);
        pipeline.StartSends(Pending(batches), Sink());

        Assert.Equal(expected, pipeline.ShouldAwaitOldest(started, idle));
    }

    [Fact]
    public async Task AbandonAsync_BatchesFailed_ForgetsThemWithoutThrowing()
    {
        var pending = Pending(2);
        var pipeline = new TargetPipeline(batchSize: 1, depth: 2, _clock);
        _brokers.Reject = _ => "refused";
        pipeline.StartSends(pending, Sink());

        await pipeline.AbandonAsync(isolateNext: 0);

        Assert.Equal(0, pipeline.InFlightCount);
        Assert.Equal(2, pending.Count);
    }

    private FakeSink Sink() => new(_brokers, "target0");

    private static PendingMessages Pending(int count)
    {
        var pending = new PendingMessages();
        for (var i = 0; i < count; i++)
        {
            var message = TestMessages.Inbound($"ID:{i}", body: $"m{i}");
            pending.Add(message);
            pending.SetMapped(message, TestMessages.Outbound(message));
        }

        return pending;
    }
}
