using Microsoft.Extensions.Options;

namespace Forwarder.Tests.Bridge;

public sealed class ForwardingWorkerTests : IDisposable
{
    private readonly FakeBrokers _brokers = new();
    private readonly ForwarderMetrics _metrics = new(TimeProvider.System);

    public void Dispose() => _metrics.Dispose();

    private ForwardingWorker Worker(Action<ForwarderOptions>? change = null, TimeProvider? time = null)
    {
        var options = TestOptions.Valid();
        change?.Invoke(options);
        time ??= TimeProvider.System;
        return new ForwardingWorker(
            _brokers, new MessageMapper(options, time), Options.Create(options), _metrics, new FatalError(), time, NullLogger<ForwardingWorker>.Instance);
    }

    // Runs iterations until the source has acknowledged that many messages (or the iterations run out).
    private async Task ForwardUntilAckedAsync(ForwardingWorker worker, int acked, int maxIterations)
    {
        for (var i = 0; i < maxIterations && _brokers.Acked.Count < acked; i++)
        {
            await worker.ForwardOnceAsync(Ct);
        }
    }

    // ok1, poison, ok2 on Orders.A; the target refuses the poison with the reason.
    private InboundMessage EnqueuePoisonBetweenTwo(string reason, params (string Key, string Value)[] headers)
    {
        _brokers.Enqueue("Orders.A", "ok1");
        var poison = _brokers.Enqueue("Orders.A", "poison", headers);
        _brokers.Enqueue("Orders.A", "ok2");
        _brokers.Reject = m => m.Header("fwd_origin_id") == poison.MessageId ? reason : null;
        return poison;
    }

    [Fact]
    public async Task ForwardOnceAsync_Backlog_SendsOneBatchInOrderThenAcks()
    {
        for (var i = 0; i < 5; i++)
        {
            _brokers.Enqueue("Orders.A", $"m{i}");
        }

        var settled = await Worker(o => o.BatchSize = 3).ForwardOnceAsync(Ct);

        Assert.Equal(3, settled);
        // The second batch is pipelined behind the first, not yet confirmed.
        Assert.Equal([3, 2], _brokers.Batches);
        Assert.Equal(["ID:src:1:1:1:1", "ID:src:1:1:1:2", "ID:src:1:1:1:3"], _brokers.Acked);
        Assert.Equal(["ID:src:1:1:1:1", "ID:src:1:1:1:2", "ID:src:1:1:1:3", "ID:src:1:1:1:4", "ID:src:1:1:1:5"], _brokers.Delivered.Select(m => m.Header("fwd_origin_id")));
    }

    [Fact]
    public async Task ForwardOnceAsync_PipelineDepthOne_SendsOneBatchAtATime()
    {
        for (var i = 0; i < 5; i++)
        {
            _brokers.Enqueue("Orders.A", $"m{i}");
        }

        var settled = await Worker(o =>
        {
            o.BatchSize = 3;
            o.PipelineDepth = 1;
        }).ForwardOnceAsync(Ct);

        Assert.Equal(3, settled);
        Assert.Equal([3], _brokers.Batches);
    }

    [Fact]
    public async Task ForwardOnceAsync_TargetDown_AcksNothingAndReadsNothing()
    {
        _brokers.Enqueue("Orders.A", "m");
        _brokers.DownTargets.Add(0);
        var worker = Worker();

        await worker.ForwardOnceAsync(Ct);
        await worker.ForwardOnceAsync(Ct);

        Assert.Empty(_brokers.Acked);
        Assert.Equal(0, _metrics.InFlight);
        Assert.Equal(1, _brokers.Queue.Reader.Count);

        _brokers.DownTargets.Clear();
        await worker.ForwardOnceAsync(Ct);

        Assert.Equal(["ID:src:1:1:1:1"], _brokers.Acked);
        Assert.Single(_brokers.Delivered);
    }

    [Fact]
    public async Task ForwardOnceAsync_FirstTargetDown_FailsOverToSecond()
    {
        _brokers.SinkEndpointCount = 2;
        _brokers.DownTargets.Add(0);
        _brokers.Enqueue("Orders.A", "m");
        var worker = Worker();

        await worker.ForwardOnceAsync(Ct);

        Assert.Equal([0, 1], _brokers.SinkConnects);
        Assert.Equal(["ID:src:1:1:1:1"], _brokers.Acked);
    }

    [Fact]
    public async Task ForwardOnceAsync_ConnectionLostMidBatch_RetriesWithoutLoss()
    {
        _brokers.Enqueue("Orders.A", "m1");
        _brokers.Enqueue("Orders.A", "m2");
        _brokers.DropConnectionOnNextSend = true;
        var worker = Worker();

        await ForwardUntilAckedAsync(worker, 2, maxIterations: 5);

        Assert.Equal(["ID:src:1:1:1:1", "ID:src:1:1:1:2"], _brokers.Acked);
        Assert.Equal(["ID:src:1:1:1:1", "ID:src:1:1:1:2"], _brokers.Delivered.Select(m => m.Header("fwd_origin_id")));
        Assert.Empty(_brokers.Parked);
    }

    [Fact]
    public async Task ForwardOnceAsync_PoisonMessage_ParkedAfterMaxAttemptsOthersForwarded()
    {
        var poison = EnqueuePoisonBetweenTwo("User app is not authorized to write to: queue://Orders.A", ("pString", "v"));
        var worker = Worker(o => o.MaxAttempts = 3);

        await ForwardUntilAckedAsync(worker, 3, maxIterations: 20);

        Assert.Equal(["ID:src:1:1:1:1", "ID:src:1:1:1:3"], _brokers.Delivered.Select(m => m.Header("fwd_origin_id")));
        var parked = Assert.Single(_brokers.Parked);
        Assert.Equal("DLQ.Orders.A", parked.Queue);
        Assert.Equal("v", parked.Header("pString"));
        Assert.Equal("target refused it 3 time(s): User app is not authorized to write to: queue://Orders.A", parked.Header("fwd_park_reason"));
        Assert.Equal(["ID:src:1:1:1:1", "ID:src:1:1:1:2", "ID:src:1:1:1:3"], _brokers.Acked.Order());
        Assert.Empty(_brokers.Nacked);
        Assert.Equal(1, _metrics.ParkedTotal);
    }

    [Fact]
    public async Task ForwardOnceAsync_ReceiptTimeouts_NeverParkedResentOneAtATime()
    {
        _brokers.Enqueue("Orders.A", "m1");
        _brokers.Enqueue("Orders.A", "m2");
        _brokers.TimeOutNextSends = 4;
        var worker = Worker(o => o.MaxAttempts = 1);

        await ForwardUntilAckedAsync(worker, 2, maxIterations: 20);

        Assert.Empty(_brokers.Parked);
        Assert.Equal(["ID:src:1:1:1:1", "ID:src:1:1:1:2"], _brokers.Acked);
        // The first try was the batch; after each timeout one message at a time.
        Assert.Equal([2, 1, 1, 1, 1, 1], _brokers.Batches);
    }

    [Fact]
    public async Task ForwardOnceAsync_ConnectionDropsWithMessageAlone_CountsAsRefusedOnlyAfterThreeInARow()
    {
        _brokers.Enqueue("Orders.A", "m1");
        var worker = Worker(o => o.MaxAttempts = 1);

        for (var i = 0; i < 10 && _brokers.Parked.Count == 0; i++)
        {
            _brokers.DropConnectionOnNextSend = true;
            await worker.ForwardOnceAsync(Ct);
        }

        Assert.Equal([1, 1, 1], _brokers.Batches);
        var parked = Assert.Single(_brokers.Parked);
        Assert.Contains("3 times in a row", parked.Header("fwd_park_reason"), StringComparison.Ordinal);
        Assert.Empty(_brokers.Delivered);
    }

    [Fact]
    public async Task ForwardOnceAsync_ReceiptsModeRefusal_SettlesTheConfirmedOnesAndResendsOnlyTheRefused()
    {
        _brokers.ReceiptPerMessage = true;
        var poison = EnqueuePoisonBetweenTwo("not authorized");
        var worker = Worker(o => o.MaxAttempts = 2);

        await ForwardUntilAckedAsync(worker, 3, maxIterations: 10);

        // Each confirmed message stored once: no resend of the window.
        Assert.Equal(["ID:src:1:1:1:1", "ID:src:1:1:1:3"], _brokers.Delivered.Select(m => m.Header("fwd_origin_id")));
        Assert.Equal([3, 1], _brokers.Batches);
        Assert.Equal(poison.MessageId, Assert.Single(_brokers.Parked).Header("fwd_origin_id"));
        Assert.Equal(["ID:src:1:1:1:1", "ID:src:1:1:1:2", "ID:src:1:1:1:3"], _brokers.Acked.Order());
    }

    [Fact]
    public async Task ForwardOnceAsync_HopsExhausted_ParksWithoutSending()
    {
        _brokers.Enqueue("Orders.A", "looped", ("fwd_hops", "1"));

        await Worker().ForwardOnceAsync(Ct);

        Assert.Empty(_brokers.Delivered);
        Assert.StartsWith("network TTL exhausted", Assert.Single(_brokers.Parked).Header("fwd_park_reason"), StringComparison.Ordinal);
        Assert.Equal(["ID:src:1:1:1:1"], _brokers.Acked);
    }

    [Fact]
    public async Task ForwardOnceAsync_EmptyPersistentBodyWithoutJars_NacksOriginal()
    {
        _brokers.TransformationActive = false;
        _brokers.Enqueue("Orders.A", "", ("persistent", "true"));

        await Worker().ForwardOnceAsync(Ct);

        Assert.Equal(["ID:src:1:1:1:1"], _brokers.Nacked);
        Assert.Empty(_brokers.Acked);
        Assert.Empty(_brokers.Delivered);
    }

    [Fact]
    public async Task ForwardOnceAsync_MessageAboveMaxMessageBytes_ParkedWithoutSending()
    {
        _brokers.Enqueue("Orders.A", new string('x', 2000));
        _brokers.Enqueue("Orders.A", "small");

        await ForwardUntilAckedAsync(Worker(o => o.MaxMessageBytes = 1000), 2, maxIterations: 5);

        Assert.Equal(["small"], _brokers.Delivered.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.Equal([1], _brokers.Batches);
        Assert.Contains("above MaxMessageBytes=1000", Assert.Single(_brokers.Parked).Header("fwd_park_reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardOnceAsync_ParkingCopyRefused_NacksTheOriginal()
    {
        _brokers.Enqueue("Orders.A", "looped", ("fwd_hops", "1"));
        _brokers.ParkFailure = _ => new StompErrorException("not authorized to write to: queue://DLQ.Orders.A");

        await Worker().ForwardOnceAsync(Ct);

        Assert.Equal(["ID:src:1:1:1:1"], _brokers.Nacked);
        Assert.Empty(_brokers.Acked);
        Assert.Empty(_brokers.Parked);
    }

    [Fact]
    public async Task ForwardOnceAsync_SourceLostThreeTimesWhileParkingIt_NacksAtTheNextDelivery()
    {
        var looped = _brokers.Enqueue("Orders.A", "looped", ("fwd_hops", "1"));
        _brokers.ParkFailure = _ => new IOException("connection reset");
        var worker = Worker();

        for (var i = 0; i < 3; i++)
        {
            await worker.ForwardOnceAsync(Ct);
            Assert.Empty(_brokers.Nacked);
            _brokers.Queue.Writer.TryWrite(looped); // the broker redelivers it
        }

        await worker.ForwardOnceAsync(Ct);

        Assert.Equal(["ID:src:1:1:1:1"], _brokers.Nacked);
        Assert.Empty(_brokers.Parked);
    }

    [Fact]
    public async Task ForwardOnceAsync_EmptyNonPersistentBodyWithoutJars_ParksNeverNacks()
    {
        _brokers.TransformationActive = false;
        _brokers.Enqueue("Orders.A", "");

        await Worker().ForwardOnceAsync(Ct);

        Assert.Empty(_brokers.Nacked);
        Assert.Equal("DLQ.Orders.A", Assert.Single(_brokers.Parked).Queue);
        Assert.Equal(["ID:src:1:1:1:1"], _brokers.Acked);
        Assert.Empty(_brokers.Delivered);
    }

    [Fact]
    public async Task ForwardOnceAsync_OneQueueRefused_OtherQueueFlowsWithoutWaitingItsBackoff()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        _brokers.Reject = m => m.Queue == "Orders.A" ? "User bridge is not authorized to write to: queue://Orders.A" : null;
        _brokers.Enqueue("Orders.A", "a1");
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
            _brokers.Enqueue("Orders.B", $"b{i}");
            await worker.ForwardOnceAsync(Ct);
        }

        Assert.Equal(["b0", "b1", "b2", "b3", "b4"], _brokers.Delivered.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.Empty(_brokers.Parked);

        // Refused again after 10 s, then after 20 s more: parked at the third attempt.
        clock.Advance(TimeSpan.FromSeconds(10));
        await worker.ForwardOnceAsync(Ct);
        Assert.Empty(_brokers.Parked);
        clock.Advance(TimeSpan.FromSeconds(20));
        await worker.ForwardOnceAsync(Ct);

        Assert.Equal("ID:src:1:1:1:1", Assert.Single(_brokers.Parked).Header("fwd_origin_id"));
        Assert.Empty(_brokers.Nacked);
    }

    [Fact]
    public async Task ExecuteAsync_StopRequested_DrainsAndStops()
    {
        using var worker = Worker();
        _brokers.Enqueue("Orders.A", "m");
        await worker.StartAsync(Ct);
        for (var i = 0; i < 200 && _brokers.Acked.Count == 0; i++)
        {
            await Task.Delay(10, Ct);
        }

        await worker.StopAsync(Ct);

        Assert.Equal(["ID:src:1:1:1:1"], _brokers.Acked);
    }

    [Fact]
    public async Task ExecuteAsync_StopWhileBatchAwaitsConfirmation_WaitsForItThenAcks()
    {
        var clock = new FakeTimeProvider();
        using var worker = Worker(time: clock);
        _brokers.ConfirmationGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _brokers.Enqueue("Orders.A", "m");
        await worker.StartAsync(Ct);
        await _brokers.FirstBatchSent.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var stop = worker.StopAsync(Ct);
        await Task.Delay(200, Ct);

        // Stopping must not give up a batch the target is about to confirm: it would be sent again after a restart.
        Assert.False(stop.IsCompleted, "the worker stopped without waiting for the batch in flight");
        Assert.Empty(_brokers.Acked);

        _brokers.ConfirmationGate.SetResult();
        await stop.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(["ID:src:1:1:1:1"], _brokers.Acked);
        Assert.Single(_brokers.Delivered);
    }

    [Fact]
    public async Task ExecuteAsync_StopAndTargetNeverConfirms_GivesUpAtDrainTimeoutOnTheClock()
    {
        var clock = new FakeTimeProvider();
        using var worker = Worker(o => o.DrainTimeout = TimeSpan.FromSeconds(30), clock);
        _brokers.ConfirmationGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _brokers.Enqueue("Orders.A", "m");
        await worker.StartAsync(Ct);
        await _brokers.FirstBatchSent.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var stop = worker.StopAsync(Ct);
        clock.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(200, Ct);
        Assert.False(stop.IsCompleted, "the worker gave up before DrainTimeout");

        clock.Advance(TimeSpan.FromSeconds(1));
        await stop.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // Unacknowledged, the message returns to the source queue when the connection closes.
        Assert.Empty(_brokers.Acked);
        Assert.Empty(_brokers.Delivered);
    }
}
