using System.Globalization;
using Stomp.Client;
using Stomp.Framing;

namespace Stomp;

/// <summary>Subscriptions: SUBSCRIBE and UNSUBSCRIBE, and MESSAGE frames handed to the subscription they belong to.</summary>
public sealed partial class StompClient
{
    // Headers the client sets from its arguments; the caller may not pass them.
    private static readonly string[] SubscribeReserved = ["destination", "id", "ack", "receipt"];

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

        if (FindReserved(options.Headers, 0, SubscribeReserved) is { } reserved)
        {
            throw reserved;
        }

        headers.AddRange(options.Headers);

        var subscription = new StompSubscription(this, id, destination, options.AckMode, options.Prefetch, _logger);
        if (!_subscriptions.TryAdd(id, subscription))
        {
            throw new ArgumentException($"subscription id '{id}' is already in use", nameof(options));
        }

        try
        {
            await _connection.EnqueueAsync(
                StompCommands.Subscribe, headers, default, contentLength: false, receipt: options.Receipt,
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

    /// <summary>Called by the read loop for each MESSAGE; while it waits (budget or buffer full) nothing more is read.</summary>
    private async ValueTask OnMessageAsync(StompFrame frame)
    {
        var id = frame.Headers.GetValueOrDefault("subscription") ?? "";
        if (!_subscriptions.TryGetValue(id, out var subscription))
        {
            var messageId = frame.Headers.GetValueOrDefault("message-id") ?? "?";
            _logger.MessageForClosedSubscription(messageId, id);
            return;
        }

        var message = new StompMessage(subscription, frame);
        if (subscription.AckMode != StompAckMode.Auto)
        {
            await _connection.AdmitAsync(message.Size);
        }

        if (!subscription.TryDeliver(message))
        {
            // More than the prefetch unacknowledged (the buffer holds that many): wait for the reader, reads paused.
            await _connection.PauseReadsAsync(cancellationToken => subscription.DeliverAsync(message, cancellationToken));
        }
    }

    /// <summary>A message was ACKed or NACKed, or can no longer be (its subscription ended): its bytes leave the budget.</summary>
    internal void Settled(long bytes) => _connection.Settled(bytes);

    private void OnClosed(Exception? error)
    {
        foreach (var s in _subscriptions.Values)
        {
            s.Complete(error);
        }
    }
}
