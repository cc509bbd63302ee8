using System.Net.Sockets;
using Testing.ActiveMq;

namespace Stomp.Tests.Fixture;

/// <summary>The shared broker fixture itself: start, restart on the same ports, kill.</summary>
public sealed class ActiveMqBrokerTests
{
    [Fact]
    public async Task StartAsync_RestartAndKill_KeepsPortsAndStops()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await ActiveMqBroker.StartAsync(new BrokerOptions { Name = "fixture" }, ct);
        var stomp = broker.StompUri;
        Assert.Equal("127.0.0.1", stomp.Host);
        Assert.True(await CanConnectAsync(stomp, ct));

        await broker.RestartAsync(ct);
        Assert.Equal(stomp, broker.StompUri);
        Assert.True(await CanConnectAsync(stomp, ct));

        await broker.KillAsync(ct);
        Assert.False(broker.IsRunning);
        Assert.False(await CanConnectAsync(stomp, ct));

        await broker.StartAgainAsync(ct);
        Assert.True(await CanConnectAsync(broker.OpenWireUri, ct));
    }

    private static async Task<bool> CanConnectAsync(Uri uri, CancellationToken ct)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(uri.Host, uri.Port, ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
