using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Harness.Faults;

/// <summary>
/// A TCP proxy on a free loopback port in front of one target (a broker, moto): clients connect to
/// <see cref="Port"/> instead of the target. <see cref="Cut"/> resets every open connection and every new one until
/// <see cref="Pass"/>, so a fault ("the cloud is unreachable for 60 s") needs no firewall rule on a shared machine
/// and touches only the clients pointed at this proxy. Thread-safe.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly DnsEndPoint _target;
    private readonly ConcurrentDictionary<ProxiedConnection, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile bool _cut;
    private int _cuts;

    private FaultProxy(DnsEndPoint target)
    {
        _target = target;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(_stop.Token);
    }

    /// <summary>The loopback port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Where the proxy forwards to.</summary>
    public DnsEndPoint Target => _target;

    /// <summary>True between <see cref="Cut"/> and <see cref="Pass"/>.</summary>
    public bool IsCut => _cut;

    /// <summary>How many times <see cref="Cut"/> took effect (a cut while already cut does not count).</summary>
    public int Cuts => Volatile.Read(ref _cuts);

    /// <summary>Connections passing through right now.</summary>
    public int OpenConnections => _open.Count;

    /// <summary>Starts a proxy to <paramref name="host"/>:<paramref name="port"/>; traffic passes until <see cref="Cut"/>.</summary>
    public static FaultProxy Start(string host, int port) => new(new DnsEndPoint(host, port));

    /// <summary>A proxy to <paramref name="target"/>'s host and port.</summary>
    public static FaultProxy Start(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Start(target.Host, target.Port);
    }

    /// <summary><paramref name="target"/> with its host and port replaced by this proxy's (scheme and path kept).</summary>
    public Uri Through(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new UriBuilder(target) { Host = "127.0.0.1", Port = Port }.Uri;
    }

    /// <summary>Resets every open connection and refuses (resets) new ones until <see cref="Pass"/>.</summary>
    public void Cut()
    {
        if (!_cut)
        {
            _cut = true;
            Interlocked.Increment(ref _cuts);
        }

        foreach (var connection in _open.Keys)
        {
            connection.Reset();
        }
    }

    /// <summary>New connections go through again.</summary>
    public void Pass() => _cut = false;

    /// <summary><see cref="Cut"/>, wait <paramref name="duration"/>, <see cref="Pass"/> (also when cancelled).</summary>
    public async Task CutForAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        Cut();
        try
        {
            await Task.Delay(duration, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Pass();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
#pragma warning disable VSTHRD003 // started by the constructor; no synchronization context here.
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
#pragma warning restore VSTHRD003
        foreach (var connection in _open.Keys)
        {
            connection.Reset();
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // The listener was stopped: the proxy is being disposed.
                return;
            }

            if (_cut)
            {
                ProxiedConnection.Reset(client);
                continue;
            }

            _ = ServeAsync(client, cancellationToken);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        var connection = await ProxiedConnection.OpenAsync(client, _target, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return;
        }

        _open[connection] = 0;
        // A cut between the accept and the registration above must still reset this connection.
        if (_cut)
        {
            connection.Reset();
        }

        await connection.PumpAsync(cancellationToken).ConfigureAwait(false);
        _open.TryRemove(connection, out _);
    }
}
