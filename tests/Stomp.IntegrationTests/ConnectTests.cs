namespace Stomp.IntegrationTests;

[Collection(StompBrokerGroup.Name)]
public sealed class ConnectTests(StompBrokerFixture fixture)
{
    [Fact]
    public async Task ConnectAsync_ValidCredentials_NegotiatesStomp12()
    {
        await using var client = await fixture.ConnectAsync(Ct);
        Assert.Equal("1.2", client.Version);
        Assert.StartsWith("ActiveMQ/", client.Server, StringComparison.Ordinal);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task ConnectAsync_BadPassword_ThrowsStompErrorException()
    {
        var ex = await Assert.ThrowsAsync<StompErrorException>(() =>
            StompClient.ConnectAsync(fixture.ClientOptions with { Passcode = "wrong" }, null, Ct));
        Assert.Contains("password is invalid", ex.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(ex.ErrorMessage, ex.Headers["message"]);
    }

    [Fact]
    public async Task ConnectAsync_ShortHeartBeats_ClientKeepsTheIdleConnectionAlive()
    {
        var options = fixture.ClientOptions with { HeartBeat = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500)) };
        await using var client = await StompClient.ConnectAsync(options, null, Ct);

        // ActiveMQ drops a connection that sends nothing for ~1.5 periods; ours must survive on heart-beats alone.
        await Task.Delay(TimeSpan.FromSeconds(2.5), Ct);

        Assert.True(client.IsConnected);
        await using var sub = await client.SubscribeAsync("/queue/" + Testing.TestNames.UniqueQueue("Idle"), cancellationToken: Ct);
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ThrowsStompConnectionException()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var ex = await Assert.ThrowsAsync<StompConnectionException>(() =>
            StompClient.ConnectAsync(fixture.ClientOptions with { Endpoint = new Uri($"stomp://127.0.0.1:{port}") }, null, Ct));

        Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_OpenWirePort_FailsWithStompConnectionException()
    {
        var openWire = fixture.Broker.OpenWireUri;
        var options = fixture.ClientOptions with
        {
            Endpoint = new Uri($"stomp://127.0.0.1:{openWire.Port}"),
            ConnectTimeout = TimeSpan.FromSeconds(3),
        };

        var ex = await Assert.ThrowsAsync<StompConnectionException>(() => StompClient.ConnectAsync(options, null, Ct));

        Assert.Contains("before answering CONNECT", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1", "Endpoint")]
    [InlineData("stomp://127.0.0.1", "Endpoint")]
    public async Task ConnectAsync_InvalidEndpoint_ArgumentExceptionNamesTheSetting(string endpoint, string setting)
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            StompClient.ConnectAsync(fixture.ClientOptions with { Endpoint = new Uri(endpoint) }, null, Ct));

        Assert.Equal(setting, ex.ParamName);
    }
}
