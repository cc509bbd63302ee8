using System.Net;
using System.Net.Sockets;

namespace Stomp.Tests.Client;

/// <summary>
/// A one-connection STOMP peer on loopback that answers only what a test tells it to, so the client's timeouts can be
/// driven by a fake clock instead of a real broker's silence.
/// </summary>
internal sealed class ScriptedBroker : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private TcpClient? _peer;

    public ScriptedBroker() => _listener.Start();

    public Uri Endpoint => new($"stomp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Accepts the client's connection and returns the command of its first frame (CONNECT).</summary>
    public async Task<string> AcceptAsync(CancellationToken cancellationToken)
    {
        _peer = await _listener.AcceptTcpClientAsync(cancellationToken);
        return await ReadCommandAsync(cancellationToken);
    }

    /// <summary>
    /// Starts a client with <paramref name="options"/> (whose endpoint is this peer) on <paramref name="clock"/>, accepts
    /// it and answers its CONNECT with a CONNECTED announcing <paramref name="heartBeat"/>.
    /// </summary>
    public async Task<StompClient> ConnectClientAsync(
        StompClientOptions options, TimeProvider clock, CancellationToken cancellationToken, string heartBeat = "0,0")
    {
        var connect = StompClient.ConnectAsync(options, null, clock, cancellationToken);
        await AcceptAsync(cancellationToken);
        await SendAsync($"CONNECTED\nversion:1.2\nheart-beat:{heartBeat}\n\n", cancellationToken);
        return await connect;
    }

    /// <summary>A client on the system clock without heart-beats, connected to this peer.</summary>
    public Task<StompClient> ConnectClientAsync(CancellationToken cancellationToken) => ConnectClientAsync(
        new StompClientOptions { Endpoint = Endpoint, HeartBeat = new StompHeartBeat(TimeSpan.Zero, TimeSpan.Zero) }, TimeProvider.System, cancellationToken);

    /// <summary>Subscribes <paramref name="client"/> to /queue/Q (prefetch 10, no receipt) and reads its SUBSCRIBE.</summary>
    public async Task<StompSubscription> SubscribeClientAsync(
        StompClient client, CancellationToken cancellationToken, StompAckMode ackMode = StompAckMode.ClientIndividual)
    {
        var subscription = await client.SubscribeAsync(
            "/queue/Q", new StompSubscribeOptions { AckMode = ackMode, Prefetch = 10, Receipt = false }, cancellationToken);
        Assert.Equal("SUBSCRIBE", await ReadCommandAsync(cancellationToken));
        return subscription;
    }

    /// <summary>Reads the next frame the client sends and returns its command line.</summary>
    public async Task<string> ReadCommandAsync(CancellationToken cancellationToken) =>
        (await ReadFrameAsync(cancellationToken)).Split('\n')[0];

    /// <summary>Reads the next frame the client sends and returns it without its NUL (and the heart-beats before it).</summary>
    public async Task<string> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var frame = new List<byte>();
        var one = new byte[1];
        while (await _peer!.GetStream().ReadAsync(one, cancellationToken) == 1 && one[0] != 0)
        {
            frame.Add(one[0]);
        }

        return Encoding.UTF8.GetString([.. frame]).TrimStart('\n');
    }

    /// <summary>Reads and discards the next frame in large chunks (for frames of megabytes); it must end the stream so far.</summary>
    public async Task SkipFrameAsync(CancellationToken cancellationToken)
    {
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await _peer!.GetStream().ReadAsync(chunk, cancellationToken)) > 0 && chunk.AsSpan(0, read).IndexOf((byte)0) < 0)
        {
        }
    }

    /// <summary>Reads and discards <paramref name="bytes"/> bytes (a slow reader).</summary>
    public async Task DiscardAsync(int bytes, CancellationToken cancellationToken) =>
        await _peer!.GetStream().ReadExactlyAsync(new byte[bytes], cancellationToken);

    public async Task SendAsync(string frame, CancellationToken cancellationToken) =>
        await WriteAsync(Encoding.UTF8.GetBytes(frame + "\0"), cancellationToken);

    /// <summary>Writes raw bytes: part of a frame, or several.</summary>
    public async Task WriteAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await _peer!.GetStream().WriteAsync(bytes, cancellationToken);
        await _peer.GetStream().FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _peer?.Dispose();
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
