namespace Stomp.Tests.Client;

/// <summary>
/// <see cref="StompClientOptions.MaxUnsettledBytes"/> against a scripted peer on a fake clock: reads pause while the
/// budget is full, without the heart-beat watchdog taking the pause for a silent broker, and go on while a RECEIPT is
/// awaited (a parking SEND on the source connection must not deadlock).
/// </summary>
public sealed class StompClientBudgetTests : FakeClockBrokerTest
{
    [Fact(Timeout = 60_000)]
    public async Task Subscription_BudgetFull_ReadsPauseWithoutTrippingTheWatchdogAndResumeOnAck()
    {
        await using var client = await ConnectAsync(budget: 100, brokerHeartBeat: "10000,0");
        var subscription = await Broker.SubscribeClientAsync(client, Ct);

        // Each message is larger than the whole budget: the first goes alone, the second waits for it.
        await Broker.SendAsync(Message(1), Ct);
        await Broker.SendAsync(Message(2), Ct);
        var first = await NextMessageAsync(subscription);
        Assert.True(first.Size > 100);
        await Task.Delay(300, Ct);
        Assert.False(subscription.Reader.TryRead(out _));
        Assert.Equal(first.Size, client.UnsettledBytes);

        // A minute without a frame read (heart-beats expected every 10 s): the pause is deliberate, the connection stays.
        for (var i = 0; i < 60; i++)
        {
            await TickAsync();
        }

        Assert.True(client.IsConnected);

        await first.AckAsync(Ct);
        Assert.Equal("ACK", await Broker.ReadCommandAsync(Ct));
        var second = await NextMessageAsync(subscription);
        Assert.Equal("m-2", second.MessageId);
        Assert.Equal(second.Size, client.UnsettledBytes);
        // The peer goes first: the client's DISCONNECT would wait for its receipt on the fake clock.
        await Broker.DisposeAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task SendAsync_ReceiptAwaitedWhileBudgetFull_ReadsGoOnSoTheReceiptArrives()
    {
        await using var client = await ConnectAsync(budget: 100, brokerHeartBeat: "0,0");
        var subscription = await Broker.SubscribeClientAsync(client, Ct);
        await Broker.SendAsync(Message(1), Ct);
        var first = await NextMessageAsync(subscription);
        await Broker.SendAsync(Message(2), Ct);

        // Parking: a SEND on this connection whose RECEIPT lies behind the paused message.
        var park = client.SendAsync("/queue/DLQ.Q", [], "copy"u8.ToArray(), cancellationToken: Ct);
        Assert.Equal("SEND", await Broker.ReadCommandAsync(Ct));
        await Broker.SendAsync("RECEIPT\nreceipt-id:r-1\n\n", Ct);

        await park.WaitAsync(RealWait, Ct);
        var second = await NextMessageAsync(subscription);
        Assert.Equal(first.Size + second.Size, client.UnsettledBytes);
        await Broker.DisposeAsync();
    }

    private static string Message(int n) =>
        $"MESSAGE\nsubscription:sub-1\nmessage-id:m-{n}\nack:a-{n}\ndestination:/queue/Q\ncontent-length:80\n\n{new string('x', 80)}";

    private Task<StompClient> ConnectAsync(long budget, string brokerHeartBeat)
    {
        var options = new StompClientOptions
        {
            Endpoint = Broker.Endpoint,
            MaxUnsettledBytes = budget,
            HeartBeat = new StompHeartBeat(TimeSpan.Zero, TimeSpan.FromSeconds(10)),
            ReceiptTimeout = TimeSpan.FromMinutes(5),
        };
        return ConnectOnClockAsync(options, brokerHeartBeat);
    }
}
