using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Stomp.Framing;

namespace Stomp;

/// <summary>
/// An active SUBSCRIBE. Read messages with <see cref="ReadAllAsync"/> or <see cref="Reader"/>; when the connection
/// is lost the reader completes with <see cref="StompConnectionException"/>.
/// </summary>
public sealed class StompSubscription : IAsyncDisposable
{
    private readonly StompClient _client;
    private readonly ILogger _logger;
    private readonly Channel<StompMessage> _channel;

    // In client mode, the messages delivered and not yet settled, in delivery order: what a cumulative ACK settles.
    private readonly LinkedList<StompMessage>? _unsettledInOrder;
    private readonly Lock _accounting = new();

    private volatile bool _active = true;

    // Bytes of the messages delivered here and not yet settled: given back to the client's budget when it ends.
    private long _unsettledBytes;

    // Set when the subscription ended and gave back all its bytes at once: no message gives back its own after that.
    private bool _allReleased;

    /// <param name="prefetch">
    /// With client acknowledgement the broker sends at most this many unacknowledged messages, so the buffer holds
    /// that many: a broker that sends more finds the buffer full and waits (the client stops reading).
    /// </param>
    internal StompSubscription(StompClient client, string id, string destination, StompAckMode ackMode, int? prefetch, ILogger logger)
    {
        _client = client;
        Id = id;
        Destination = destination;
        AckMode = ackMode;
        _logger = logger;
        _unsettledInOrder = ackMode == StompAckMode.Client ? new LinkedList<StompMessage>() : null;
        _channel = prefetch is { } capacity && ackMode != StompAckMode.Auto
            ? Channel.CreateBounded<StompMessage>(new BoundedChannelOptions(capacity) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait })
            : Channel.CreateUnbounded<StompMessage>(new UnboundedChannelOptions { SingleWriter = true });
    }

    public string Id { get; }

    public string Destination { get; }

    public StompAckMode AckMode { get; }

    /// <summary>False once unsubscribed or the connection ended; acknowledging is then refused.</summary>
    public bool IsActive => _active && _client.IsConnected;

    internal StompClient Client => _client;

    public ChannelReader<StompMessage> Reader => _channel.Reader;

    public IAsyncEnumerable<StompMessage> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>The next message, or null when none arrives within <paramref name="idle"/>.</summary>
    public async Task<StompMessage?> TryReadAsync(TimeSpan idle, CancellationToken cancellationToken = default)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(idle);
        try
        {
            return await _channel.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// UNSUBSCRIBE (with receipt). With client acknowledgement, messages still buffered here are dropped: the
    /// broker redelivers every unacknowledged one (marked <c>redelivered:true</c>) to the next consumer.
    /// </summary>
    public async Task UnsubscribeAsync(CancellationToken cancellationToken = default)
    {
        if (!_active)
        {
            return;
        }

        _active = false;
        try
        {
            await _client.UnsubscribeAsync(this, cancellationToken);
        }
        finally
        {
            Complete(null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await UnsubscribeAsync(CancellationToken.None);
        }
        catch (StompException)
        {
            // The connection is gone; the broker has dropped the subscription with it.
        }
    }

    /// <summary>Buffers the message; false when the buffer is full (then <see cref="DeliverAsync"/>).</summary>
    internal bool TryDeliver(StompMessage message)
    {
        if (!_active)
        {
            Dropped(message, release: true);
            return true;
        }

        // Counted before the reader can see it, so a quick ACK never finds it uncounted.
        Count(message, 1);
        if (!_channel.Writer.TryWrite(message))
        {
            Count(message, -1);
            return false;
        }

        return true;
    }

    /// <summary>Waits for room in the buffer.</summary>
    internal async Task DeliverAsync(StompMessage message, CancellationToken cancellationToken)
    {
        var counted = Count(message, 1);
        try
        {
            await _channel.Writer.WriteAsync(message, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            // Counted, then given back with all the others when the subscription ended: only the log line is left.
            var givenBack = counted && !Count(message, -1);
            Dropped(message, release: !givenBack);
        }
    }

    /// <summary>
    /// In <see cref="StompAckMode.Client"/> mode, one cumulative ACK for the newest message before which every delivered
    /// one is released (<see cref="StompMessage.ReleaseBudget"/>) or NACKed: it never passes a message the application
    /// is not done with. Nothing is sent when the oldest unsettled message is not released. Completes when written.
    /// </summary>
    public Task AckReleasedAsync(CancellationToken cancellationToken = default)
    {
        if (_unsettledInOrder is not { } inOrder)
        {
            return Task.FromException(new InvalidOperationException(
                $"subscription {Id} uses {AckMode} acknowledgement; only a client-mode subscription acknowledges cumulatively"));
        }

        lock (_accounting)
        {
            StompMessage? newest = null;
            for (var node = inOrder.First; node is not null && node.Value.IsReleased; node = node.Next)
            {
                newest = node.Value;
            }

            return newest?.AckAsync(cancellationToken) ?? Task.CompletedTask;
        }
    }

    /// <summary>
    /// Settles the message and queues its ACK or NACK. A cumulative ACK (client mode) also settles every message
    /// delivered before it that is not settled yet; a NACK settles only its own (ActiveMQ rejects only the message it
    /// names, whatever the mode). In client mode both happen under one lock, so that a cumulative ACK never goes out
    /// ahead of the NACK of a message it would otherwise cover.
    /// </summary>
    internal Task SettleAsync(StompMessage message, bool ack, CancellationToken cancellationToken)
    {
        if (_unsettledInOrder is not { } inOrder)
        {
            Release(message);
            return _client.SendAckAsync(message, ack, cancellationToken);
        }

        lock (_accounting)
        {
            while (ack && inOrder.First is { } first && first.Value != message)
            {
                inOrder.RemoveFirst();
                first.Value.SettledByLaterAck();
                Release(first.Value);
            }

            inOrder.Remove(message);
            Release(message);
            return _client.SendAckAsync(message, ack, cancellationToken);
        }
    }

    /// <summary>Gives the message's bytes back to the client's budget, once, unless the subscription's end gave them all back.</summary>
    internal void Release(StompMessage message)
    {
        if (AckMode == StompAckMode.Auto || !message.TryMarkReleased())
        {
            return;
        }

        lock (_accounting)
        {
            if (_allReleased)
            {
                return;
            }

            _unsettledBytes -= message.Size;
        }

        _client.Settled(message.Size);
    }

    internal void Complete(Exception? error)
    {
        _active = false;
        if (_channel.Writer.TryComplete(error) && AckMode != StompAckMode.Auto)
        {
            // Unacknowledged messages come back from the broker; handing them out now would invite ACKs for a
            // subscription the broker no longer knows (an ERROR that ends the connection).
            while (_channel.Reader.TryRead(out _))
            {
            }

            // None of its messages can be settled any more: they no longer count against the budget.
            long unsettled;
            lock (_accounting)
            {
                _allReleased = true;
                unsettled = _unsettledBytes;
                _unsettledBytes = 0;
                _unsettledInOrder?.Clear();
            }

            _client.Settled(unsettled);
        }
    }

    // Counted in (1) when handed to the buffer, out (-1) when the buffer refused it; in client mode kept in delivery
    // order. False, counting nothing, once the subscription's end gave back all it had counted.
    private bool Count(StompMessage message, int sign)
    {
        if (AckMode == StompAckMode.Auto)
        {
            return true;
        }

        lock (_accounting)
        {
            if (_allReleased)
            {
                return false;
            }

            _unsettledBytes += sign * message.Size;
            if (sign > 0)
            {
                _unsettledInOrder?.AddLast(message);
            }
            else if (_unsettledInOrder?.Last?.Value == message)
            {
                // The read loop hands out one message at a time: the one refused is the last added.
                _unsettledInOrder.RemoveLast();
            }

            return true;
        }
    }

    // Admitted by the read loop but never handed out.
    private void Dropped(StompMessage message, bool release)
    {
        _logger.MessageForClosedSubscription(message.MessageId, Id);
        if (release && AckMode != StompAckMode.Auto)
        {
            _client.Settled(message.Size);
        }
    }
}
