using System.Net;
using System.Net.Sockets;

namespace Harness.Faults;

/// <summary>One client connection of a <see cref="FaultProxy"/> and its connection to the target, copied both ways.</summary>
internal sealed class ProxiedConnection
{
    private readonly Socket _client;
    private readonly Socket _upstream;

    private ProxiedConnection(Socket client, Socket upstream)
    {
        _client = client;
        _upstream = upstream;
    }

    /// <summary>Connects to <paramref name="target"/>; null (and the client reset) when the target does not answer.</summary>
    public static async Task<ProxiedConnection?> OpenAsync(Socket client, DnsEndPoint target, CancellationToken cancellationToken)
    {
        var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await upstream.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
            client.NoDelay = true;
            return new ProxiedConnection(client, upstream);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            // The target is down: the client sees its connection reset, as it would without the proxy.
            upstream.Dispose();
            Reset(client);
            return null;
        }
    }

    /// <summary>Closes <paramref name="socket"/> with a TCP reset (linger 0), as a dropped link looks to the peer.</summary>
    public static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed: nothing to reset.
        }

        socket.Dispose();
    }

    /// <summary>Resets both sides.</summary>
    public void Reset()
    {
        Reset(_client);
        Reset(_upstream);
    }

    /// <summary>
    /// Copies both ways until both sides have closed (a close is passed on as a half-close) or either fails (then
    /// both are reset).
    /// </summary>
    public async Task PumpAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(CopyAsync(_client, _upstream, cancellationToken), CopyAsync(_upstream, _client, cancellationToken)).ConfigureAwait(false);
        _client.Dispose();
        _upstream.Dispose();
    }

    private async Task CopyAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A side failed, a cut reset it, or the proxy stops: the other direction must end too.
            Reset();
        }
    }
}
