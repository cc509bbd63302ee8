namespace Stomp.Tests.Client;

/// <summary>
/// The client's timeouts run on the <see cref="TimeProvider"/> it is given: they are minutes long on the fake clock,
/// and each test gives up after a few real seconds, so a timeout that ran on the system clock fails the test.
/// </summary>
public sealed class StompClientClockTests : FakeClockBrokerTest
{
    // A failure with a live client would otherwise hang in DisposeAsync, whose DISCONNECT wait runs on the fake clock.
    [Fact(Timeout = 60_000)]
    public async Task ConnectAsync_BrokerNeverAnswers_FailsWhenTheClockPassesConnectTimeout()
    {
        var options = new StompClientOptions { Endpoint = Broker.Endpoint, ConnectTimeout = TimeSpan.FromMinutes(5) };

        var connect = StompClient.ConnectAsync(options, null, Clock, Ct);
        Assert.Equal("CONNECT", await Broker.AcceptAsync(Ct));
        Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        await Task.Delay(100, Ct);
        Assert.False(connect.IsCompleted);

        Clock.Advance(TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<StompConnectionException>(() => connect.WaitAsync(RealWait, Ct));
        Assert.Contains("did not answer CONNECT within 300 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task SendAsync_NoReceipt_ConnectionEndsWhenTheClockPassesReceiptTimeout()
    {
        await using var client = await ConnectAsync(receiptTimeout: TimeSpan.FromMinutes(5));

        var send = client.SendAsync("/queue/Q", [], "x"u8.ToArray(), cancellationToken: Ct);
        Assert.Equal("SEND", await Broker.ReadCommandAsync(Ct));

        // Not before the timeout on the fake clock (the timer starts once the client has finished writing the frame).
        await AdvanceUntilDoneAsync(send, notBefore: TimeSpan.FromMinutes(5));

        var ex = await Assert.ThrowsAsync<StompConnectionException>(() => send.WaitAsync(RealWait, Ct));
        Assert.Contains("no RECEIPT", ex.Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
    }

    [Fact(Timeout = 60_000)]
    public async Task SendAsync_SlowReader_ReceiptTimeoutCountsFromWhenTheFrameIsWritten()
    {
        await using var client = await ConnectAsync(receiptTimeout: TimeSpan.FromMinutes(5));

        // A frame larger than the socket buffers, taken a little every minute (a slow link): ten minutes pass.
        var send = client.SendAsync("/queue/Q", [], LargerThanTheSocketBuffers(), cancellationToken: Ct);
        await Task.Delay(300, Ct);
        for (var minute = 0; minute < 10; minute++)
        {
            Clock.Advance(TimeSpan.FromMinutes(1));
            await Broker.DiscardAsync(1024 * 1024, Ct);
            await Task.Delay(100, Ct);
        }

        Assert.False(send.IsCompleted);
        await Broker.SkipFrameAsync(Ct);

        // The ten minutes of writing did not count: the timeout runs its full length from the write.
        await AdvanceUntilDoneAsync(send, notBefore: TimeSpan.FromMinutes(5));

        var ex = await Assert.ThrowsAsync<StompConnectionException>(() => send.WaitAsync(RealWait, Ct));
        Assert.IsType<StompReceiptTimeoutException>(ex.InnerException);
        Assert.Contains("no RECEIPT", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task SendAsync_PeerStopsReading_ConnectionEndsWhenNothingIsTakenForReceiptTimeout()
    {
        await using var client = await ConnectAsync(receiptTimeout: TimeSpan.FromMinutes(5));

        // The peer reads nothing (ActiveMQ's transport thread held by producer flow control): no receipt timer can
        // start, the write itself is what times out. A frame without a receipt (a transaction's SEND) is the one
        // half written; the one with a receipt waits behind it.
        var unconfirmed = client.SendAsync("/queue/Q", [], LargerThanTheSocketBuffers(), new StompSendOptions { Receipt = false }, Ct);
        var send = client.SendAsync("/queue/Q", [], "x"u8.ToArray(), cancellationToken: Ct);
        await Task.Delay(300, Ct);

        await AdvanceUntilDoneAsync(Task.WhenAll(unconfirmed, send), notBefore: TimeSpan.FromMinutes(5));

        foreach (var task in new[] { unconfirmed, send })
        {
            var ex = await Assert.ThrowsAsync<StompConnectionException>(() => task.WaitAsync(RealWait, Ct));
            Assert.IsType<StompReceiptTimeoutException>(ex.InnerException);
            Assert.Contains("has taken nothing written to it", ex.Message, StringComparison.Ordinal);
        }

        Assert.False(client.IsConnected);
    }

    /// <summary>
    /// Moves the fake clock on a second at a time (<see cref="FakeClockBrokerTest.TickAsync"/>) until
    /// <paramref name="task"/> ends, and asserts it moved at least <paramref name="notBefore"/>. A timeout on the system
    /// clock never ends within the real time this takes, and fails here.
    /// </summary>
    private async Task AdvanceUntilDoneAsync(Task task, TimeSpan notBefore)
    {
        var waited = TimeSpan.Zero;
        while (!task.IsCompleted)
        {
            Assert.True(waited < TimeSpan.FromMinutes(20), "the client did not time out within 20 minutes on its clock");
            await TickAsync();
            waited += TimeSpan.FromSeconds(1);
        }

        Assert.True(waited >= notBefore, $"timed out after {waited} on the clock, before ReceiptTimeout");
    }

    private static byte[] LargerThanTheSocketBuffers()
    {
        var body = new byte[32 * 1024 * 1024];
        body.AsSpan().Fill((byte)'x');
        return body;
    }

    private Task<StompClient> ConnectAsync(TimeSpan receiptTimeout) =>
        ConnectOnClockAsync(new StompClientOptions { Endpoint = Broker.Endpoint, ReceiptTimeout = receiptTimeout });
}
