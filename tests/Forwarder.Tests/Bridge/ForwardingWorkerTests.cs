namespace Forwarder.Tests.Bridge;

/// <summary>
/// The worker moving messages (batches, pipelining, failover, lost connections, per-queue backoff) and stopping
/// (the batch in flight confirmed and acknowledged, up to the drain timeout).
/// </summary>
public sealed class ForwardingWorkerTests : WorkerTest
{
    [Fact]
    public async Task ForwardOnceAsync_Backlog_SendsOneBatchInOrderThenAcks()
    {
        for (var i = 0; i < 5; i++)
        {
            Brokers.Enqueue("Orders.A", $"m{i}");
        }

        var settled = await Worker(o => o.BatchSize = 3).ForwardOnceAsync(Ct);

        Assert.Equal(3, settled);
        // The second batch is pipelined behind the first, not yet confirmed.
        Assert.Equal([3, 2], Brokers.Batches);
        Assert.Equal(["ID:src:1:1:1:1", "ID:src:1:1:1:2", "ID:src:1:1:1:3"], Brokers.Acked);
        Assert.Equal(["ID:src:1:1:1:1", "ID:src:1:1:1:2", "ID:src:1:1:1:3", "ID:src:1:1:1:4", "ID:src:1:1:1:5"], Brokers.Delivered.Select(m => m.Header("fwd_origin_id")));
    }

    [Fact]
    public async Task ForwardOnceAsync_PipelineDepthOne_SendsOneBatchAtATime()
    {
        for (var i = 0; i < 5; i++)
        {
            Brokers.Enqueue("Orders.A", $"m{i}");
        }

        var settled = await Worker(o =>
        {
            o.BatchSize = 3;
            o.PipelineDepth = 1;
        }).ForwardOnceAsync(Ct);

        Assert.Equal(3, settled);
        Assert.Equal([3], Brokers.Batches);
    }

    [Fact]
    public async Task ForwardOnceAsync_TargetDown_AcksNothingAndReadsNothing()
    {
        Brokers.Enqueue("Orders.A", "m");
        Brokers.DownTargets.Add(0);
        var worker = Worker();

        await worker.ForwardOnceAsync(Ct);
        await worker.ForwardOnceAsync(Ct);

        Assert.Empty(Brokers.Acked);
        Assert.Equal(0, Metrics.InFlight);
        Assert.Equal(1, Brokers.Queue.Reader.Count);

        Brokers.DownTargets.Clear();
        await worker.ForwardOnceAsync(Ct);

        Assert.Equal(["ID:src:1:1:1:1"], Brokers.Acked);
        Assert.Single(Brokers.Delivered);
    }

    [Fact]
    public async Task ForwardOnceAsync_FirstTargetDown_FailsOverToSecond()
    {
        Brokers.SinkEndpointCount = 2;
        Brokers.DownTargets.Add(0);
        Brokers.Enqueue("Orders.A", "m");
        var worker = Worker();

        await worker.ForwardOnceAsync(Ct);

        Assert.Equal([0, 1], Brokers.SinkConnects);
        Assert.Equal(["ID:src:1:1:1:1"], Brokers.Acked);
    }

    [Fact]
    public async Task ForwardOnceAsync_ConnectionLostMidBatch_RetriesWithoutLoss()
    {
        Brokers.Enqueue("Orders.A", "m1");
        Brokers.Enqueue("Orders.A", "m2");
        Brokers.DropConnectionOnNextSend = true;
        var worker = Worker();

        await ForwardUntilAckedAsync(worker, 2, maxIterations: 5);

        Assert.Equal(["ID:src:1:1:1:1", "ID:src:1:1:1:2"], Brokers.Acked);
        Assert.Equal(["ID:src:1:1:1:1", "ID:src:1:1:1:2"], Brokers.Delivered.Select(m => m.Header("fwd_origin_id")));
        Assert.Empty(Brokers.Parked);
    }

    [Fact]
    public async Task ForwardOnceAsync_ReceiptTimeouts_NeverParkedResentOneAtATime()
    {
        Brokers.Enqueue("Orders.A", "m1");
        Brokers.Enqueue("Orders.A", "m2");
        Brokers.TimeOutNextSends = 4;
        var worker = Worker(o => o.MaxAttempts = 1);

        await ForwardUntilAckedAsync(worker, 2, maxIterations: 20);

        Assert.Empty(Brokers.Parked);
        Assert.Equal(["ID:src:1:1:1:1", "ID:src:1:1:1:2"], Brokers.Acked);
        // The first try was the batch; after each timeout one message at a time.
        Assert.Equal([2, 1, 1, 1, 1, 1], Brokers.Batches);
    }

    [Fact]
    public async Task ForwardOnceAsync_OneQueueRefused_OtherQueueFlowsWithoutWaitingItsBackoff()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        Brokers.Reject = m => m.Queue == "Orders.A" ? "User bridge is not authorized to write to: queue://Orders.A" : null;
        Brokers.Enqueue("Orders.A", "a1");
        var worker = Worker(
            o =>
            {
                o.MaxAttempts = 3;
                o.ReconnectInitialDelay = TimeSpan.FromSeconds(10);
                o.ReconnectMaxDelay = TimeSpan.FromSeconds(60);
                o.ReconnectJitter = 0;
            },
            clock);

        await worker.ForwardOnceAsync(Ct);
        for (var i = 0; i < 5; i++)
        {
            // The clock stands still: Orders.A waits out its 10 s, Orders.B does not.
            Brokers.Enqueue("Orders.B", $"b{i}");
            await worker.ForwardOnceAsync(Ct);
        }

        Assert.Equal(["b0", "b1", "b2", "b3", "b4"], Brokers.Delivered.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.Empty(Brokers.Parked);

        // Refused again after 10 s, then after 20 s more: parked at the third attempt.
        clock.Advance(TimeSpan.FromSeconds(10));
        await worker.ForwardOnceAsync(Ct);
        Assert.Empty(Brokers.Parked);
        clock.Advance(TimeSpan.FromSeconds(20));
        await worker.ForwardOnceAsync(Ct);

        Assert.Equal("ID:src:1:1:1:1", Assert.Single(Brokers.Parked).Header("fwd_origin_id"));
        Assert.Empty(Brokers.Nacked);
    }

    [Fact]
    public async Task ExecuteAsync_StopRequested_DrainsAndStops()
    {
        using var worker = Worker();
        Brokers.Enqueue("Orders.A", "m");
        await worker.StartAsync(Ct);
        for (var i = 0; i < 200 && Brokers.Acked.Count == 0; i++)
        {
            await Task.Delay(10, Ct);
        }

        await worker.StopAsync(Ct);

        Assert.Equal(["ID:src:1:1:1:1"], Brokers.Acked);
    }

    [Fact]
    public async Task ExecuteAsync_StopWhileBatchAwaitsConfirmation_WaitsForItThenAcks()
    {
        var clock = new FakeTimeProvider();
        using var worker = Worker(time: clock);
        Brokers.ConfirmationGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Brokers.Enqueue("Orders.A", "m");
        await worker.StartAsync(Ct);
        await Brokers.FirstBatchSent.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var stop = worker.StopAsync(Ct);
        await Task.Delay(200, Ct);

        // Stopping must not give up a batch the target is about to confirm: it would be sent again after a restart.
        Assert.False(stop.IsCompleted, "the worker stopped without waiting for the batch in flight");
        Assert.Empty(Brokers.Acked);

        Brokers.ConfirmationGate.SetResult();
        await stop.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(["ID:src:1:1:1:1"], Brokers.Acked);
        Assert.Single(Brokers.Delivered);
    }

    [Fact]
    public async Task ExecuteAsync_StopAndTargetNeverConfirms_GivesUpAtDrainTimeoutOnTheClock()
    {
        var clock = new FakeTimeProvider();
        using var worker = Worker(o => o.DrainTimeout = TimeSpan.FromSeconds(30), clock);
        Brokers.ConfirmationGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Brokers.Enqueue("Orders.A", "m");
        await worker.StartAsync(Ct);
        await Brokers.FirstBatchSent.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var stop = worker.StopAsync(Ct);
        clock.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(200, Ct);
        Assert.False(stop.IsCompleted, "the worker gave up before DrainTimeout");

        clock.Advance(TimeSpan.FromSeconds(1));
        await stop.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // Unacknowledged, the message returns to the source queue when the connection closes.
        Assert.Empty(Brokers.Acked);
        Assert.Empty(Brokers.Delivered);
    }
}
