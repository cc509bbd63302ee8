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
public sealed class StompClient : IAsyncDisposable
{
    private readonly StompClientOptions _options;
    private readonly ILogger _logger;
    private readonly StompConnection _connection;
    private readonly ConcurrentDictionary<string, StompSubscription> _subscriptions = new(StringComparer.Ordinal);
    private long _nextId;
    private int _disposed;

    private StompClient(StompClientOptions options, ILogger logger, TimeProvider time, Stream stream)
    {
        _options = options;
        _logger = logger;
        _connection = new StompConnection(stream, options, logger, time, OnMessage, OnClosed);
    }

    public StompClientOptions Options => _options;

    /// <summary>The negotiated protocol version: "1.2" or "1.1".</summary>
    public string Version { get; private set; } = "";

    /// <summary>The CONNECTED <c>server</c> header, e.g. <c>ActiveMQ/5.17.2</c>.</summary>
    public string Server { get; private set; } = "";

    /// <summary>The CONNECTED <c>session</c> header.</summary>
    public string Session { get; private set; } = "";

    public bool IsConnected => _connection.IsOpen;

    /// <summary>Completes when the connection ends: with null after <see cref="DisposeAsync"/>, else with the reason.</summary>
    public Task<Exception?> Completion => _connection.Completion;

    /// <summary>
    /// Opens the transport, sends CONNECT (accept-version 1.2,1.1 — never 1.0, which does not escape headers) and
    /// waits for CONNECTED.
    /// </summary>
    /// <exception cref="ArgumentException">an option is invalid (the message names it).</exception>
    /// <exception cref="StompErrorException">the broker refused the connection, e.g. bad credentials.</exception>
    /// <exception cref="StompConnectionException">the broker could not be reached or the TLS handshake failed.</exception>
    public static async Task<StompClient> ConnectAsync(
        StompClientOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        logger ??= NullLogger.Instance;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        Stream stream;
        try
        {
            stream = await Transport.StompTransport.ConnectAsync(options, logger, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StompConnectionException(
                $"could not connect to {options.Endpoint} within {options.ConnectTimeout.TotalSeconds:0.#} s");
        }
        catch (SocketException ex)
        {
            throw new StompConnectionException($"could not connect to {options.Endpoint}: {ex.Message}", ex);
        }

        var client = new StompClient(options, logger, TimeProvider.System, stream);
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

    /// <summary>
    /// Subscribes and waits for the broker's receipt (so a refused SUBSCRIBE faults here). With the default
    /// <see cref="StompAckMode.ClientIndividual"/> each message must be acknowledged with
    /// <see cref="StompMessage.AckAsync(CancellationToken)"/>; the prefetch bounds how many the broker sends ahead.
    /// </summary>
    public async Task<StompSubscription> SubscribeAsync(
        string destination, StompSubscribeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(destination);
        options ??= new StompSubscribeOptions();
        var id = options.Id ?? "sub-" + NextId();
        var ackMode = options.AckMode switch
        {
            StompAckMode.Auto => "auto",
            StompAckMode.Client => "client",
            _ => "client-individual",
        };
        var headers = new List<KeyValuePair<string, string>>
        {
            new("destination", destination),
            new("id", id),
            new("ack", ackMode),
        };
        if (options.Prefetch is { } prefetch)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(prefetch, nameof(options));
            headers.Add(new("activemq.prefetchSize", prefetch.ToString(CultureInfo.InvariantCulture)));
        }

        if (FindReserved(options.Headers, "destination", "id", "ack", "receipt") is { } reserved)
        {
            throw reserved;
        }

        headers.AddRange(options.Headers);

        var subscription = new StompSubscription(this, id, destination, options.AckMode, _logger);
        if (!_subscriptions.TryAdd(id, subscription))
        {
            throw new ArgumentException($"subscription id '{id}' is already in use", nameof(options));
        }

        try
        {
            await _connection.EnqueueAsync(
                StompCommands.Subscribe, headers, default, contentLength: false, receipt: true,
                $"SUBSCRIBE to {destination}", cancellationToken);
        }
        catch
        {
            _subscriptions.TryRemove(id, out _);
            subscription.Complete(null);
            throw;
        }

        return subscription;
    }

    /// <summary>
    /// Sends a message. With <see cref="StompSendOptions.Receipt"/> (the default) the task completes when the
    /// broker's RECEIPT arrives — on ActiveMQ after the persistent message is on disk — and faults with
    /// <see cref="StompErrorException"/> when the broker refuses it. Many sends may be in flight: frames go out in
    /// call order, at most <see cref="StompClientOptions.MaxInFlightReceipts"/> awaiting receipts at once.
    /// The body is passed through verbatim: text bodies on ActiveMQ are Java modified UTF-8 (notes §7.2.3).
    /// </summary>
    /// <param name="headers">Further headers (JMS headers like <c>persistent</c>, <c>correlation-id</c>, properties).
    /// <c>destination</c>, <c>receipt</c>, <c>transaction</c> and <c>content-length</c> come from the other arguments.</param>
    /// <remarks>
    /// Every failure arrives through the task (never thrown by the call itself, so a window of tasks sees each
    /// outcome): <see cref="StompFrameLimitException"/> when the frame breaks the broker's header or size limits and
    /// <see cref="ArgumentException"/> for a reserved header or a NUL in a text body — nothing was sent then;
    /// <see cref="StompErrorException"/> when the broker refused it; <see cref="StompConnectionException"/> when the
    /// connection ended first (the broker may or may not have it).
    /// </remarks>
    public Task SendAsync(
        string destination,
        IEnumerable<KeyValuePair<string, string>> headers,
        ReadOnlyMemory<byte> body,
        StompSendOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(destination);
        ArgumentNullException.ThrowIfNull(headers);
        options ??= StompSendOptions.Default;
        var list = new List<KeyValuePair<string, string>> { new("destination", destination) };
        if (options.Transaction is { } tx)
        {
            list.Add(new("transaction", tx));
        }

        var count = list.Count;
        list.AddRange(headers);
        if (FindReserved(list.Skip(count), "destination", "receipt", "transaction", "content-length") is { } reserved)
        {
            return Task.FromException(reserved);
        }

        return _connection.EnqueueAsync(
            StompCommands.Send, list, body.Span, options.ContentLength, options.Receipt, $"SEND to {destination}",
            cancellationToken);
    }

    /// <summary>
    /// Starts a transaction. SENDs and ACKs made with it take effect on <see cref="StompTransaction.CommitAsync"/>;
    /// on ActiveMQ one commit costs one disk sync for all of them (notes §7.1).
    /// </summary>
    public async Task<StompTransaction> BeginAsync(CancellationToken cancellationToken = default)
    {
        var id = "tx-" + NextId();
        await _connection.EnqueueAsync(
            StompCommands.Begin, [new("transaction", id)], default, contentLength: false, receipt: false,
            $"BEGIN {id}", cancellationToken);
        return new StompTransaction(this, id);
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
                    CancellationToken.None).WaitAsync(_options.ReceiptTimeout);
            }
            catch (Exception ex) when (ex is StompException or TimeoutException)
            {
                _logger.DisconnectNotConfirmed(_options.Endpoint, ex.Message);
            }
        }

        await _connection.DisposeAsync();
    }

    internal Task CompleteTransactionAsync(string command, string transaction, CancellationToken cancellationToken) =>
        _connection.EnqueueAsync(
            command, [new("transaction", transaction)], default, contentLength: false, receipt: true,
            $"{command} {transaction}", cancellationToken);

    internal Task SendAckAsync(StompMessage message, bool ack, string? transaction, CancellationToken cancellationToken)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (Version == "1.1")
        {
            headers.Add(new("subscription", message.SubscriptionId));
            headers.Add(new("message-id", message.MessageId));
        }
        else
        {
            headers.Add(new("id", message.AckId ?? throw new StompProtocolException(
                $"message {message.MessageId} has no 'ack' header to acknowledge it with")));
        }

        if (transaction is not null)
        {
            headers.Add(new("transaction", transaction));
        }

        var command = ack ? StompCommands.Ack : StompCommands.Nack;
        return _connection.EnqueueAsync(
            command, headers, default, contentLength: false, receipt: false, $"{command} {message.MessageId}", cancellationToken);
    }

    internal async Task UnsubscribeAsync(StompSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            if (_connection.IsOpen)
            {
                await _connection.EnqueueAsync(
                    StompCommands.Unsubscribe, [new("id", subscription.Id)], default, contentLength: false,
                    receipt: true, $"UNSUBSCRIBE from {subscription.Destination}", cancellationToken);
            }
        }
        finally
        {
            _subscriptions.TryRemove(subscription.Id, out _);
        }
    }

    private static ArgumentException? FindReserved(IEnumerable<KeyValuePair<string, string>> headers, params string[] reserved)
    {
        foreach (var (name, _) in headers)
        {
            if (reserved.Contains(name, StringComparer.Ordinal))
            {
                return new ArgumentException(
                    $"header '{name}' is set by the client from its arguments; do not pass it among the headers", nameof(headers));
            }
        }

        return null;
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        _connection.Start();
        var hb = _options.HeartBeat;
        var headers = new List<KeyValuePair<string, string>>
        {
            new("accept-version", "1.2,1.1"),
            new("host", _options.VirtualHost),
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

        if (_options.ClientId is not null)
        {
            headers.Add(new("client-id", _options.ClientId));
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
        Session = connected.Headers.GetValueOrDefault("session") ?? "";
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

    private string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    private void OnMessage(StompFrame frame)
    {
        var id = frame.Headers.GetValueOrDefault("subscription") ?? "";
        if (_subscriptions.TryGetValue(id, out var subscription))
        {
            subscription.Deliver(new StompMessage(subscription, frame));
        }
        else
        {
            var messageId = frame.Headers.GetValueOrDefault("message-id") ?? "?";
            _logger.MessageForClosedSubscription(messageId, id);
        }
    }

    private void OnClosed(Exception? error)
    {
        foreach (var s in _subscriptions.Values)
        {
            s.Complete(error);
        }
    }
}
