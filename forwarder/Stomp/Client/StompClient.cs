using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Stomp.Client;
using Stomp.Framing;

namespace Stomp;

/// <summary>
/// A STOMP 1.2 (or 1.1) connection to one broker. Thread-safe: frames are written by one loop in the order the
/// calls were made. Dispose to DISCONNECT cleanly. After the connection is lost (see <see cref="Completion"/>)
/// every call fails with <see cref="StompConnectionException"/>; make a new client to reconnect.
/// </summary>
public sealed partial class StompClient : IAsyncDisposable
{
    private readonly StompClientOptions _options;
    private readonly ILogger _logger;
    private readonly StompConnection _connection;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, StompSubscription> _subscriptions = new(StringComparer.Ordinal);
    private long _nextId;
    private int _disposed;

    private StompClient(StompClientOptions options, ILogger logger, TimeProvider time, Stream stream)
    {
        _options = options;
        _logger = logger;
        _time = time;
        _connection = new StompConnection(stream, options, logger, time, OnMessageAsync, OnClosed);
    }

    /// <summary>The negotiated protocol version: "1.2" or "1.1".</summary>
    public string Version { get; private set; } = "";

    /// <summary>The CONNECTED <c>server</c> header, e.g. <c>ActiveMQ/5.17.2</c>.</summary>
    public string Server { get; private set; } = "";

    public bool IsConnected => _connection.IsOpen;

    /// <summary>
    /// Bytes (body and headers) of messages received on client-acknowledged subscriptions and not yet ACKed or
    /// NACKed; <see cref="StompClientOptions.MaxUnsettledBytes"/> bounds it.
    /// </summary>
    public long UnsettledBytes => _connection.UnsettledBytes;

    /// <summary>Completes when the connection ends: with null after <see cref="DisposeAsync"/>, else with the reason.</summary>
    public Task<Exception?> Completion => _connection.Completion;

    /// <summary>
    /// Opens the transport, sends CONNECT (accept-version 1.2,1.1 — never 1.0, which does not escape headers) and
    /// waits for CONNECTED.
    /// </summary>
    /// <exception cref="ArgumentException">an option is invalid (the message names it).</exception>
    /// <exception cref="StompErrorException">the broker refused the connection, e.g. bad credentials.</exception>
    /// <exception cref="StompConnectionException">the broker could not be reached or the TLS handshake failed.</exception>
    public static Task<StompClient> ConnectAsync(
        StompClientOptions options, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(options, logger, TimeProvider.System, cancellationToken);

    /// <inheritdoc cref="ConnectAsync(StompClientOptions, ILogger?, CancellationToken)"/>
    /// <param name="options">Where the broker is and how to log in.</param>
    /// <param name="logger">Receives the client's log lines; none when null.</param>
    /// <param name="timeProvider">The clock of the connect timeout, the heart-beats and the receipt timeout.</param>
    /// <param name="cancellationToken">Cancels connecting (not the connection once made).</param>
    public static async Task<StompClient> ConnectAsync(
        StompClientOptions options, ILogger? logger, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        logger ??= NullLogger.Instance;
        using var deadline = new CancellationTokenSource(options.ConnectTimeout, timeProvider);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        Stream stream;
        try
        {
            stream = await Transport.StompTransport.ConnectAsync(options, logger, timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The inner TimeoutException tells "nothing answered" apart from a broker that answered and refused.
            throw new StompConnectionException(
                $"could not connect to {options.Endpoint} within {options.ConnectTimeout.TotalSeconds:0.#} s",
                new TimeoutException("the connect timed out", ex));
        }
        catch (SocketException ex)
        {
            throw new StompConnectionException($"could not connect to {options.Endpoint}: {ex.Message}", ex);
        }

        var client = new StompClient(options, logger, timeProvider, stream);
        try
        {
            await client.HandshakeAsync(timeout.Token);
            return client;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await client._connection.DisposeAsync();
            throw new StompConnectionException(
                $"{options.Endpoint} did not answer CONNECT within {options.ConnectTimeout.TotalSeconds:0.#} s");
        }
        catch
        {
            await client._connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>DISCONNECT with a receipt (so every earlier frame was handled), then close the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_connection.IsOpen)
        {
            try
            {
                _connection.BeginGracefulClose();
                await _connection.EnqueueAsync(
                    StompCommands.Disconnect, [], default, contentLength: false, receipt: true, "DISCONNECT",
                    CancellationToken.None).WaitAsync(_options.ReceiptTimeout, _time);
            }
            catch (Exception ex) when (ex is StompException or TimeoutException)
            {
                _logger.DisconnectNotConfirmed(_options.Endpoint, ex.Message);
            }
        }

        await _connection.DisposeAsync();
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        _connection.Start();
        var hb = _options.HeartBeat;
        var headers = new List<KeyValuePair<string, string>>
        {
            new("accept-version", "1.2,1.1"),
            new("host", _options.Endpoint.Host),
            new("heart-beat", FormattableString.Invariant($"{(long)hb.Outgoing.TotalMilliseconds},{(long)hb.Incoming.TotalMilliseconds}")),
        };
        if (_options.Login is not null)
        {
            headers.Add(new("login", _options.Login));
        }

        if (_options.Passcode is not null)
        {
            headers.Add(new("passcode", _options.Passcode));
        }

        await _connection.EnqueueAsync(
            StompCommands.Connect, headers, default, contentLength: false, receipt: false, "CONNECT", cancellationToken);
        // Faults with StompErrorException when the broker answers ERROR (e.g. bad credentials).
        var connected = await _connection.Connected.WaitAsync(cancellationToken);

        Version = connected.Headers.GetValueOrDefault("version") ?? "1.0";
        if (Version is not ("1.2" or "1.1"))
        {
            throw new StompConnectionException(
                $"{_options.Endpoint} speaks STOMP {Version} only; 1.1 or 1.2 is required (1.0 does not escape header values)");
        }

        Server = connected.Headers.GetValueOrDefault("server") ?? "";
        var (serverSend, serverExpect) = ParseHeartBeat(connected.Headers.GetValueOrDefault("heart-beat"));
        var send = hb.Outgoing > TimeSpan.Zero && serverExpect > TimeSpan.Zero ? Max(hb.Outgoing, serverExpect) : TimeSpan.Zero;
        var expect = hb.Incoming > TimeSpan.Zero && serverSend > TimeSpan.Zero ? Max(hb.Incoming, serverSend) : TimeSpan.Zero;
        _connection.StartWatchdog(send, expect);
        _logger.Connected(_options.Endpoint, Version, Server, (long)send.TotalMilliseconds, (long)expect.TotalMilliseconds);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static (TimeSpan Send, TimeSpan Expect) ParseHeartBeat(string? value)
    {
        var parts = (value ?? "0,0").Split(',');
        if (parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sx)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sy))
        {
            return (TimeSpan.FromMilliseconds(sx), TimeSpan.FromMilliseconds(sy));
        }

        throw new StompProtocolException($"CONNECTED has an invalid heart-beat header '{value}'");
    }
}
