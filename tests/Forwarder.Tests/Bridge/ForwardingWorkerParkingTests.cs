namespace Forwarder.Tests.Bridge;

/// <summary>Messages the worker must not forward: parked, or NACKed so the broker keeps the original.</summary>
public sealed class ForwardingWorkerParkingTests : WorkerTest
{
    [Fact]
    public async Task ForwardOnceAsync_PoisonMessage_ParkedAfterMaxAttemptsOthersForwarded()
    {
        var poison = EnqueuePoisonBetweenTwo("User app is not authorized to write to: queue://Orders.A", ("pString", "v"));
        var worker = Worker(o => o.MaxAttempts = 3);

        await ForwardUntilAckedAsync(worker, 3, maxIterations: 20);

        Assert.Equal(["ID:src:1:1:1:1", "ID:src:1:1:1:3"], Brokers.Delivered.Select(m => m.Header("fwd_origin_id")));
        var parked = Assert.Single(Brokers.Parked);
        Assert.Equal("DLQ.Orders.A", parked.Queue);
        Assert.Equal("v", parked.Header("pString"));
        Assert.Equal("target refused it 3 time(s): User app is not authorized to write to: queue://Orders.A", parked.Header("fwd_park_reason"));
        Assert.Equal(["ID:src:1:1:1:1", "ID:src:1:1:1:2", "ID:src:1:1:1:3"], Brokers.Acked.Order());
        Assert.Empty(Brokers.Nacked);
        Assert.Equal(1, Metrics.ParkedTotal);
    }

    [Fact]
    public async Task ForwardOnceAsync_RefusedQueueHoldsOverHalfTheByteBudget_ParksTheExcessAtOnceOthersFlow()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        Brokers.Reject = m => m.Queue == "Orders.A" ? "User bridge is not authorized to write to: queue://Orders.A" : null;
        var body = new string('a', 200);
        for (var i = 1; i <= 4; i++)
        {
            Brokers.Enqueue("Orders.A", body);
        }

        var worker = Worker(
            o =>
            {
                o.InFlightBytes = 1000;
                o.MaxAttempts = 3;
                o.ReconnectInitialDelay = TimeSpan.FromSeconds(10);
                o.ReconnectJitter = 0;
            },
            clock);

        await worker.ForwardOnceAsync(Ct);
        Brokers.Enqueue("Orders.A", body);
        Brokers.Enqueue("Orders.B", "b");
        await worker.ForwardOnceAsync(Ct);

        // Held within 500 bytes: the refused message and the one behind it. The rest, and a later one, parked unsent.
        Assert.Equal(["ID:src:1:1:1:3", "ID:src:1:1:1:4", "ID:src:1:1:1:5"], Brokers.Parked.Select(m => m.Header("fwd_origin_id")));
        Assert.All(Brokers.Parked, m => Assert.Contains("half of InFlightBytes (500 bytes)", m.Header("fwd_park_reason"), StringComparison.Ordinal));
        Assert.Equal(["ID:src:1:1:1:6"], Brokers.Delivered.Select(m => m.Header("fwd_origin_id")));
        Assert.Equal(["ID:src:1:1:1:3", "ID:src:1:1:1:4", "ID:src:1:1:1:5", "ID:src:1:1:1:6"], Brokers.Acked.Order());
        Assert.Empty(Brokers.Nacked);
    }

    [Fact]
    public async Task ForwardOnceAsync_ConnectionDropsWithMessageAlone_CountsAsRefusedOnlyAfterThreeInARow()
    {
        Brokers.Enqueue("Orders.A", "m1");
        var worker = Worker(o => o.MaxAttempts = 1);

        for (var i = 0; i < 10 && Brokers.Parked.Count == 0; i++)
        {
            Brokers.DropConnectionOnNextSend = true;
            await worker.ForwardOnceAsync(Ct);
        }

        Assert.Equal([1, 1, 1], Brokers.Batches);
        var parked = Assert.Single(Brokers.Parked);
        Assert.Contains("3 times in a row", parked.Header("fwd_park_reason"), StringComparison.Ordinal);
        Assert.Empty(Brokers.Delivered);
    }

    [Fact]
    public async Task ForwardOnceAsync_ReceiptsModeRefusal_SettlesTheConfirmedOnesAndResendsOnlyTheRefused()
    {
        Brokers.ReceiptPerMessage = true;
        var poison = EnqueuePoisonBetweenTwo("not authorized");
        var worker = Worker(o => o.MaxAttempts = 2);

        await ForwardUntilAckedAsync(worker, 3, maxIterations: 10);

        // Each confirmed message stored once: no resend of the window.
        Assert.Equal(["ID:src:1:1:1:1", "ID:src:1:1:1:3"], Brokers.Delivered.Select(m => m.Header("fwd_origin_id")));
        Assert.Equal([3, 1], Brokers.Batches);
        Assert.Equal(poison.MessageId, Assert.Single(Brokers.Parked).Header("fwd_origin_id"));
        Assert.Equal(["ID:src:1:1:1:1", "ID:src:1:1:1:2", "ID:src:1:1:1:3"], Brokers.Acked.Order());
    }

    [Fact]
    public async Task ForwardOnceAsync_HopsExhausted_ParksWithoutSending()
    {
        Brokers.Enqueue("Orders.A", "looped", ("fwd_hops", "1"));

        await Worker().ForwardOnceAsync(Ct);

        Assert.Empty(Brokers.Delivered);
        Assert.StartsWith("network TTL exhausted", Assert.Single(Brokers.Parked).Header("fwd_park_reason"), StringComparison.Ordinal);
        Assert.Equal(["ID:src:1:1:1:1"], Brokers.Acked);
    }

    [Fact]
    public async Task ForwardOnceAsync_EmptyPersistentBodyWithoutJars_NacksOriginal()
    {
        Brokers.TransformationActive = false;
        Brokers.Enqueue("Orders.A", "", ("persistent", "true"));

        await Worker().ForwardOnceAsync(Ct);

        AssertOnlyNacked();
    }

    [Fact]
    public async Task ForwardOnceAsync_MessageAboveMaxMessageBytes_ParkedWithoutSending()
    {
        Brokers.Enqueue("Orders.A", new string('x', 2000));
        Brokers.Enqueue("Orders.A", "small");

        await ForwardUntilAckedAsync(Worker(o => o.MaxMessageBytes = 1000), 2, maxIterations: 5);

        Assert.Equal(["small"], Brokers.Delivered.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.Equal([1], Brokers.Batches);
        Assert.Contains("above MaxMessageBytes=1000", Assert.Single(Brokers.Parked).Header("fwd_park_reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardOnceAsync_ParkingCopyRefused_NacksTheOriginal()
    {
        Brokers.Enqueue("Orders.A", "looped", ("fwd_hops", "1"));
        Brokers.ParkFailure = _ => new StompErrorException("not authorized to write to: queue://DLQ.Orders.A");

        await Worker().ForwardOnceAsync(Ct);

        AssertOnlyNacked();
    }

    [Fact]
    public async Task ForwardOnceAsync_SourceLostThreeTimesWhileParkingIt_NacksAtTheNextDelivery()
    {
        var looped = Brokers.Enqueue("Orders.A", "looped", ("fwd_hops", "1"));
        Brokers.ParkFailure = _ => new IOException("connection reset");
        var worker = Worker();

        for (var i = 0; i < 3; i++)
        {
            await worker.ForwardOnceAsync(Ct);
            Assert.Empty(Brokers.Nacked);
            Brokers.Queue.Writer.TryWrite(looped); // the broker redelivers it
        }

        await worker.ForwardOnceAsync(Ct);

        Assert.Equal(["ID:src:1:1:1:1"], Brokers.Nacked);
        Assert.Empty(Brokers.Parked);
    }

    [Fact]
    public async Task ForwardOnceAsync_EmptyNonPersistentBodyWithoutJars_ParksNeverNacks()
    {
        Brokers.TransformationActive = false;
        Brokers.Enqueue("Orders.A", "");

        await Worker().ForwardOnceAsync(Ct);

        Assert.Empty(Brokers.Nacked);
        Assert.Equal("DLQ.Orders.A", Assert.Single(Brokers.Parked).Queue);
        Assert.Equal(["ID:src:1:1:1:1"], Brokers.Acked);
        Assert.Empty(Brokers.Delivered);
    }

    [Fact]
    public async Task ForwardOnceAsync_BytesBodyHoldingTheNextFrame_ParkedThenSourceReconnectedOnceTheRestSettled()
    {
        Brokers.Enqueue("Orders.A", "a1");
        var swallowing = TestMessages.Inbound("ID:src:9:9:9:9") with
        {
            Body = "a2\0MESSAGE\nsubscription:1\nmessage-id:ID:src:1:1:1:3\nack:3\n\na3"u8.ToArray(),
            HasContentLength = true,
        };
        Brokers.Queue.Writer.TryWrite(swallowing);
        var worker = Worker();

        await worker.ForwardOnceAsync(Ct);
        Assert.Equal(1, Brokers.SourceConnects);
        Brokers.Enqueue("Orders.A", "a4");
        await worker.ForwardOnceAsync(Ct);

        var parked = Assert.Single(Brokers.Parked);
        Assert.Equal("ID:src:9:9:9:9", parked.Header("fwd_origin_id"));
        Assert.Equal(SwallowedFrame.Reason, parked.Header("fwd_park_reason"));
        Assert.Equal(swallowing.Body.ToArray(), parked.Body.ToArray());
        // The broker delivers again, on the new connection, whatever the old one left unacknowledged.
        Assert.Equal(2, Brokers.SourceConnects);
        Assert.Equal(["a1", "a4"], Brokers.Delivered.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
    }

    /// <summary>The one message was NACKed, so the broker's dead-letter queue keeps the original: not acknowledged, sent or parked.</summary>
    private void AssertOnlyNacked()
    {
        Assert.Equal(["ID:src:1:1:1:1"], Brokers.Nacked);
        Assert.Empty(Brokers.Acked);
        Assert.Empty(Brokers.Delivered);
        Assert.Empty(Brokers.Parked);
    }
}
