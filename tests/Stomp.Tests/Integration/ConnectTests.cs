namespace Stomp.Tests.Integration;

[Collection(StompBrokerGroup.Name)]
public sealed class ConnectTests(StompBrokerFixture fixture)
{
    [Fact]
    public async Task ConnectAsync_ValidCredentials_NegotiatesStomp12()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var client = await fixture.ConnectAsync(ct);
        Assert.Equal("1.2", client.Version);
        Assert.StartsWith("ActiveMQ/", client.Server, StringComparison.Ordinal);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task ConnectAsync_BadPassword_ThrowsStompErrorException()
    {
        var ct = TestContext.Current.CancellationToken;
        var ex = await Assert.ThrowsAsync<StompErrorException>(() =>
            StompClient.ConnectAsync(fixture.ClientOptions with { Passcode = "wrong" }, null, ct));
        Assert.Contains("password is invalid", ex.Message, StringComparison.Ordinal);
    }
}
