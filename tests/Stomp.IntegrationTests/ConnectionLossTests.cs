namespace Stomp.IntegrationTests;

/// <summary>A broker of its own, because these tests kill and freeze it.</summary>
public sealed class ConnectionLossTests(ActiveMqFixture fixture) : IClassFixture<ActiveMqFixture>
{
    [Fact]
    public async Task BrokerKilled_SubscriptionReaderAndLaterSendsFailWithStompConnectionException()
    {
        var broker = fixture.Broker;
        var client = await StompClient.ConnectAsync(broker.StompOptions(), null, Ct);
        await using var _ = client;
        var sub = await client.SubscribeAsync("/queue/" + TestNames.UniqueQueue("Lost"), cancellationToken: Ct);

        await broker.KillAsync(Ct);
        try
        {
            await Assert.ThrowsAsync<StompConnectionException>(async () =>
            {
                await foreach (var m in sub.ReadAllAsync(Ct))
                {
                    Assert.Fail($"unexpected message {m.MessageId}");
                }
            }).WaitAsync(TimeSpan.FromSeconds(10), Ct);

            var reason = await client.Completion.WaitAsync(TimeSpan.FromSeconds(5), Ct);
            Assert.IsType<StompConnectionException>(reason);
            Assert.False(client.IsConnected);
            await Assert.ThrowsAsync<StompConnectionException>(() =>
                client.SendAsync("/queue/X", [], "x"u8.ToArray(), cancellationToken: Ct));
        }
        finally
        {
            await broker.StartAgainAsync(Ct);
        }
    }

    [Fact]
    public async Task BrokerFrozen_HeartBeatTimeoutFailsPendingReceipts()
    {
        var broker = fixture.Broker;
        var options = broker.StompOptions() with { HeartBeat = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500)) };
        var client = await StompClient.ConnectAsync(options, null, Ct);
        await using var _ = client;
        var queue = "/queue/" + TestNames.UniqueQueue("Frozen");
        await client.SendAsync(queue, [], "before"u8.ToArray(), cancellationToken: Ct);

        await broker.PauseAsync(Ct);
        try
        {
            var started = DateTime.UtcNow;
            var pending = client.SendAsync(queue, [], "during"u8.ToArray(), cancellationToken: Ct);

            var ex = await Assert.ThrowsAsync<StompConnectionException>(() => pending.WaitAsync(TimeSpan.FromSeconds(10), Ct));
            Assert.Contains("heart-beat", ex.Message, StringComparison.Ordinal);
            // Detected by heart-beats (2 × 0.5 s + 1 s), long before the 30 s receipt timeout.
            Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(6));
        }
        finally
        {
            await broker.ResumeAsync(Ct);
        }
    }

    [Fact]
    public async Task BrokerFrozenWithoutHeartBeats_ReceiptTimeoutEndsTheConnection()
    {
        var broker = fixture.Broker;
        var options = broker.StompOptions() with { HeartBeat = StompHeartBeat.None, ReceiptTimeout = TimeSpan.FromSeconds(2) };
        var client = await StompClient.ConnectAsync(options, null, Ct);
        await using var _ = client;

        await broker.PauseAsync(Ct);
        try
        {
            var ex = await Assert.ThrowsAsync<StompConnectionException>(() =>
                client.SendAsync("/queue/" + TestNames.UniqueQueue("NoReceipt"), [], "x"u8.ToArray(), cancellationToken: Ct)
                    .WaitAsync(TimeSpan.FromSeconds(10), Ct));

            Assert.Contains("no RECEIPT", ex.Message, StringComparison.Ordinal);
            Assert.False(client.IsConnected);
        }
        finally
        {
            await broker.ResumeAsync(Ct);
        }
    }

    [Fact]
    public async Task DisposeAsync_Clean_CompletionIsNullAndSubscriptionEndsWithoutError()
    {
        var client = await StompClient.ConnectAsync(fixture.Broker.StompOptions(), null, Ct);
        var sub = await client.SubscribeAsync("/queue/" + TestNames.UniqueQueue("Clean"), cancellationToken: Ct);

        await client.DisposeAsync();

        Assert.Null(await client.Completion);
        await foreach (var m in sub.ReadAllAsync(Ct))
        {
            Assert.Fail($"unexpected message {m.MessageId}");
        }
    }
}
