using System.Net.Sockets;
using Harness.Faults;

namespace Local.Tests.Harness;

public sealed class FaultProxyTests : IAsyncDisposable
{
    // An echo server behind a proxy, for the tests that go through one; a test that needs another proxy starts its own.
    private readonly EchoServer _echo = new();
    private readonly FaultProxy _proxy;

    public FaultProxyTests() => _proxy = FaultProxy.Start("127.0.0.1", _echo.Port);

    public async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _echo.DisposeAsync();
    }

    [Fact]
    public async Task Proxy_Passing_EchoesThroughBothWays()
    {
        using var client = await ConnectAsync(_proxy);

        Assert.Equal("hello", await RoundTripAsync(client, "hello"));
        Assert.Equal(1, _proxy.OpenConnections);
        Assert.Equal(0, _proxy.Cuts);
    }

    [Fact]
    public async Task Cut_OpenConnection_IsResetAndNewConnectionsAreRefusedUntilPass()
    {
        using var before = await ConnectAsync(_proxy);
        Assert.Equal("a", await RoundTripAsync(before, "a"));

        _proxy.Cut();

        Assert.True(_proxy.IsCut);
        Assert.True(await IsClosedAsync(before), "the open connection was not cut");
        Assert.True(await IsRefusedAsync(_proxy), "a new connection went through while cut");

        _proxy.Pass();

        using var after = await ConnectAsync(_proxy);
        Assert.Equal("b", await RoundTripAsync(after, "b"));
        Assert.Equal(1, _proxy.Cuts);
    }

    [Fact]
    public async Task CutForAsync_Duration_RefusesThenPassesAgain()
    {
        var cut = _proxy.CutForAsync(TimeSpan.FromMilliseconds(500), Ct);
        Assert.True(await IsRefusedAsync(_proxy), "a connection went through during the cut");

        await cut;

        Assert.False(_proxy.IsCut);
        using var after = await ConnectAsync(_proxy);
        Assert.Equal("c", await RoundTripAsync(after, "c"));
    }

    [Fact]
    public async Task Proxy_TargetDown_ClientConnectionIsReset()
    {
        int port;
        await using (var gone = new EchoServer())
        {
            port = gone.Port;
        }

        await using var proxy = FaultProxy.Start("127.0.0.1", port);
        Assert.True(await IsRefusedAsync(proxy), "the proxy kept a connection to a target that is down");
        Assert.Equal(0, proxy.OpenConnections);
    }

    [Fact]
    public async Task Through_BrokerUri_KeepsSchemeAndPathOnTheProxyPort()
    {
        await using var proxy = FaultProxy.Start("127.0.0.1", 61613);

        Assert.Equal(new Uri($"stomp://127.0.0.1:{proxy.Port}/"), proxy.Through(new Uri("stomp://localhost:61613")));
        Assert.Equal(new Uri($"http://127.0.0.1:{proxy.Port}/123/q"), proxy.Through(new Uri("http://127.0.0.1:5000/123/q")));
    }

    private static async Task<Socket> ConnectAsync(FaultProxy proxy)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", proxy.Port, Ct);
        return socket;
    }

    private static async Task<string> RoundTripAsync(Socket socket, string text)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None, Ct);
        var buffer = new byte[64];
        var received = new StringBuilder();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        while (received.Length < text.Length)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            Assert.NotEqual(0, read);
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return received.ToString();
    }

    /// <summary>True when a new connection fails to connect or ends at once (the proxy resets it right after the accept).</summary>
    private static async Task<bool> IsRefusedAsync(FaultProxy proxy)
    {
        Socket socket;
        try
        {
            socket = await ConnectAsync(proxy);
        }
        catch (SocketException)
        {
            return true;
        }

        using (socket)
        {
            return await IsClosedAsync(socket);
        }
    }

    /// <summary>True when the connection ends (reset or closed) within 5 s, whatever is sent on it.</summary>
    private static async Task<bool> IsClosedAsync(Socket socket)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await socket.SendAsync("x"u8.ToArray(), SocketFlags.None, timeout.Token);
            return await socket.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
