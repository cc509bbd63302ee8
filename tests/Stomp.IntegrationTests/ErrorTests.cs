using Stomp.IntegrationTests.TestHelpers;
using Testing;

namespace Stomp.IntegrationTests;

[Collection(StompBrokerGroup.Name)]
public sealed class ErrorTests(StompBrokerFixture fixture)
{
    [Fact]
    public async Task SendAsync_NotAuthorised_FaultsThatSendWithStompErrorException()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var client = await StompClient.ConnectAsync(
            fixture.ClientOptions with { Login = StompBrokerFixture.ReadOnlyUser }, null, ct);

        var ex = await Assert.ThrowsAsync<StompErrorException>(() =>
            client.SendAsync("/queue/" + TestNames.UniqueQueue("Refused"), [], "x"u8.ToArray(), cancellationToken: ct));

        Assert.Contains("not authorized to write", ex.ErrorMessage, StringComparison.Ordinal);
        Assert.NotNull(ex.ReceiptId);
        Assert.Equal(ex.ReceiptId, ex.Headers["receipt-id"]);
        // ActiveMQ keeps the connection after an error it could tie to a receipt: the client goes on working.
        Assert.True(client.IsConnected);
        await using var sub = await client.SubscribeAsync("/queue/" + TestNames.UniqueQueue("StillWorks"), cancellationToken: ct);
    }

    [Fact]
    public async Task SubscribeAsync_NotAuthorised_ThrowsStompErrorException()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var client = await StompClient.ConnectAsync(
            fixture.ClientOptions with { Login = StompBrokerFixture.WriteOnlyUser }, null, ct);

        var ex = await Assert.ThrowsAsync<StompErrorException>(() =>
            client.SubscribeAsync("/queue/" + TestNames.UniqueQueue("Refused"), cancellationToken: ct));
        Assert.Contains("not authorized to read", ex.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_HeaderLineOverActiveMqLimit_ThrowsBeforeSendingAndConnectionStaysUsable()
    {
        var ct = TestContext.Current.CancellationToken;
        var queue = TestNames.UniqueQueue("Limits");
        await using var client = await fixture.ConnectAsync(ct);

        var big = new string('v', 10 * 1024);
        var ex = await Assert.ThrowsAsync<StompFrameLimitException>(() =>
            client.SendAsync("/queue/" + queue, [new("big", big)], "x"u8.ToArray(), cancellationToken: ct));
        Assert.Contains("'big'", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StompFrameLimitException>(() => client.SendAsync(
            "/queue/" + queue, Enumerable.Range(0, 1000).Select(i => new KeyValuePair<string, string>($"h{i}", "v")),
            "x"u8.ToArray(), cancellationToken: ct));

        // Just under the limit is what the broker really accepts.
        await client.SendAsync("/queue/" + queue, [new("big", big[..^4])], "x"u8.ToArray(), cancellationToken: ct);
        Assert.True(client.IsConnected);
        Assert.Equal(1, await fixture.Broker.Queues.CountAsync(queue, ct));
    }

    [Fact]
    public async Task SendAsync_ReservedHeaderOrNulInTextBody_ThrowsArgumentException()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var client = await fixture.ConnectAsync(ct);

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync("/queue/X", [new("receipt", "mine")], "x"u8.ToArray(), cancellationToken: ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync("/queue/X", [new("content-length", "1")], "x"u8.ToArray(), cancellationToken: ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync("/queue/X", [], new byte[] { 65, 0, 66 }, cancellationToken: ct));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Ack_Twice_ThrowsInsteadOfUpsettingTheBroker()
    {
        var ct = TestContext.Current.CancellationToken;
        var queue = "/queue/" + TestNames.UniqueQueue("Twice");
        await using var client = await fixture.ConnectAsync(ct);
        await client.SendAsync(queue, [], "x"u8.ToArray(), cancellationToken: ct);
        await using var sub = await client.SubscribeAsync(queue, cancellationToken: ct);
        var m = await sub.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);

        await m.AckAsync(ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => m.AckAsync(ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => m.NackAsync(ct));
    }
}
