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
    private readonly Channel<StompMessage> _channel =
        Channel.CreateUnbounded<StompMessage>(new UnboundedChannelOptions { SingleWriter = true });

    private volatile bool _active = true;

    internal StompSubscription(StompClient client, string id, string destination, StompAckMode ackMode, ILogger logger)
    {
        _client = client;
        Id = id;
        Destination = destination;
        AckMode = ackMode;
        _logger = logger;
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

    internal void Deliver(StompMessage message)
    {
        if (!_active || !_channel.Writer.TryWrite(message))
        {
            _logger.MessageForClosedSubscription(message.MessageId, Id);
        }
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
        }
    }
}
