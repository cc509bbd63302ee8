namespace Stomp.IntegrationTests;

[Collection(StompBrokerGroup.Name)]
public sealed class ErrorTests(StompBrokerFixture fixture)
{
    [Fact]
    public async Task SendAsync_NotAuthorised_FaultsThatSendWithStompErrorException()
    {
        await using var client = await StompClient.ConnectAsync(
            fixture.ClientOptions with { Login = StompBrokerFixture.ReadOnlyUser }, null, Ct);

        var ex = await Assert.ThrowsAsync<StompErrorException>(() =>
            client.SendAsync("/queue/" + TestNames.UniqueQueue("Refused"), [], "x"u8.ToArray(), cancellationToken: Ct));

        Assert.Contains("not authorized to write", ex.ErrorMessage, StringComparison.Ordinal);
        Assert.NotNull(ex.ReceiptId);
        Assert.Equal(ex.ReceiptId, ex.Headers["receipt-id"]);
        // ActiveMQ keeps the connection after an error it could tie to a receipt: the client goes on working.
        Assert.True(client.IsConnected);
        await using var sub = await client.SubscribeAsync("/queue/" + TestNames.UniqueQueue("StillWorks"), cancellationToken: Ct);
    }

    [Fact]
    public async Task SubscribeAsync_NotAuthorised_ThrowsStompErrorException()
    {
        await using var client = await StompClient.ConnectAsync(
            fixture.ClientOptions with { Login = StompBrokerFixture.WriteOnlyUser }, null, Ct);

        var ex = await Assert.ThrowsAsync<StompErrorException>(() =>
            client.SubscribeAsync("/queue/" + TestNames.UniqueQueue("Refused"), cancellationToken: Ct));
        Assert.Contains("not authorized to read", ex.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_HeaderLineOverActiveMqLimit_ThrowsBeforeSendingAndConnectionStaysUsable()
    {
        var queue = TestNames.UniqueQueue("Limits");
        await using var client = await fixture.ConnectAsync(Ct);

        var big = new string('v', 10 * 1024);
        var ex = await Assert.ThrowsAsync<StompFrameLimitException>(() =>
            client.SendAsync("/queue/" + queue, [new("big", big)], "x"u8.ToArray(), cancellationToken: Ct));
        Assert.Contains("'big'", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StompFrameLimitException>(() => client.SendAsync(
            "/queue/" + queue, Enumerable.Range(0, 1000).Select(i => new KeyValuePair<string, string>($"h{i}", "v")),
            "x"u8.ToArray(), cancellationToken: Ct));

        // Just under the limit is what the broker really accepts.
        await client.SendAsync("/queue/" + queue, [new("big", big[..^4])], "x"u8.ToArray(), cancellationToken: Ct);
        Assert.True(client.IsConnected);
        Assert.Equal(1, await fixture.Broker.Queues.CountAsync(queue, Ct));
    }

    [Fact]
    public async Task SendAsync_ReservedHeaderOrNulInTextBody_ThrowsArgumentException()
    {
        await using var client = await fixture.ConnectAsync(Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync("/queue/X", [new("receipt", "mine")], "x"u8.ToArray(), cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync("/queue/X", [new("content-length", "1")], "x"u8.ToArray(), cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync("/queue/X", [], new byte[] { 65, 0, 66 }, cancellationToken: Ct));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Ack_Twice_ThrowsInsteadOfUpsettingTheBroker()
    {
        var queue = "/queue/" + TestNames.UniqueQueue("Twice");
        await using var client = await fixture.ConnectAsync(Ct);
        await client.SendAsync(queue, [], "x"u8.ToArray(), cancellationToken: Ct);
        await using var sub = await client.SubscribeAsync(queue, cancellationToken: Ct);
        var m = await sub.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);

        await m.AckAsync(Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => m.AckAsync(Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => m.NackAsync(Ct));
    }
}
