using System.Threading.Channels;
using LocalEventSource.Batching;
using LocalEventSource.Delivery;
using LocalEventSource.Events;
using LocalEventSource.Invocation;
using Microsoft.Extensions.Logging;
using Stomp;

namespace LocalEventSource.Polling;

/// <summary>
/// One poller of the event source mapping: its own STOMP connection and subscription (client-individual acks,
/// prefetch = batch size) and its own execution environment. A batch the function handled is acknowledged message by
/// message. A failed batch is not acknowledged: the poller closes its connection, so the broker redelivers every
/// unacknowledged message marked <c>redelivered</c>, and consumes again after the redelivery delay. A message whose
/// failures exceed <see cref="EventSourceOptions.MaximumRedeliveries"/> is NACKed first, which ActiveMQ treats as a
/// poison ack and moves it to its dead-letter queue (measured; forwarder/README.md, "Map and object messages").
/// </summary>
internal sealed class Poller(
    int index,
    EventSourceOptions options,
    DeliveryTracker tracker,
    IFunctionInvoker invoker,
    IEventSourceObserver observer,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>Consumes until cancelled; reconnects after a failed batch or a lost connection.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeUntilFailureAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is IOException or StompException or System.Net.Sockets.SocketException)
            {
                logger.BrokerConnectionLost(index, options.Broker, ex);
            }

            try
            {
                await Task.Delay(options.RedeliveryDelay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One connection: returns after a failed batch, so that closing it makes the broker redeliver.</summary>
    private async Task ConsumeUntilFailureAsync(CancellationToken cancellationToken)
    {
        var client = await StompClient.ConnectAsync(ClientOptions(), logger, cancellationToken).ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        {
            var subscription = await client.SubscribeAsync(
                "/queue/" + options.Queue,
                new StompSubscribeOptions { AckMode = StompAckMode.ClientIndividual, Prefetch = options.Batching.BatchSize },
                cancellationToken).ConfigureAwait(false);
            logger.Subscribed(index, options.Queue, options.Broker);
            var channel = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            using var pumpCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var pump = PumpAsync(subscription, channel.Writer, pumpCancel.Token);
            var batcher = new Batcher<Pending>(channel.Reader, options.Batching, p => p.Message.EstimatedEventBytes, time);
            try
            {
                while (true)
                {
                    var batch = await batcher.NextBatchAsync(cancellationToken).ConfigureAwait(false);
                    if (batch.Count == 0)
                    {
                        // The subscription ended: the connection is gone. Surface why.
                        await pump.ConfigureAwait(false);
                        return;
                    }

                    if (!await ProcessAsync(batch, cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }
                }
            }
            finally
            {
                await pumpCancel.CancelAsync().ConfigureAwait(false);
                await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task PumpAsync(StompSubscription subscription, ChannelWriter<Pending> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in subscription.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var message = ToReceived(frame);
                observer.Received(index, message);
                await writer.WriteAsync(new Pending(message, frame), cancellationToken).ConfigureAwait(false);
            }

            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex is OperationCanceledException ? null : ex);
            throw;
        }
    }

    /// <summary>Invokes the function with one batch and settles it; false when the batch failed.</summary>
    private async Task<bool> ProcessAsync(IReadOnlyList<Pending> batch, CancellationToken cancellationToken)
    {
        var messages = batch.Select(p => p.Message).ToList();
        if (batch.Count == 1 && messages[0].EstimatedEventBytes > options.Batching.MaximumPayloadBytes)
        {
            // Lambda drops such a record; a local pipeline must not lose it, so it goes to the dead-letter queue.
            await DeadLetterAsync(batch[0], $"larger than the {options.Batching.MaximumPayloadBytes} byte invocation payload limit", cancellationToken).ConfigureAwait(false);
            return true;
        }

        var payload = MqEventWriter.Write(messages, options.EventSourceArn);
        observer.Invoking(index, messages);
        var result = await invoker.InvokeAsync(payload, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            foreach (var pending in batch)
            {
                await pending.Frame.AckAsync(cancellationToken).ConfigureAwait(false);
                tracker.Forget(pending.Message.MessageId);
            }

            observer.Invoked(index, messages, result);
            logger.BatchSucceeded(index, batch.Count, (long)result.Duration.TotalMilliseconds);
            return true;
        }

        observer.Invoked(index, messages, result);
        logger.BatchFailed(index, batch.Count, result.Outcome, result.Error ?? "");
        foreach (var pending in batch)
        {
            if (tracker.RecordFailure(pending.Message.MessageId))
            {
                var reason = $"failed {tracker.FailuresOf(pending.Message.MessageId)} deliveries ({options.MaximumRedeliveries} redeliveries); last: {result.Outcome} {result.Error}";
                await DeadLetterAsync(pending, reason, cancellationToken).ConfigureAwait(false);
            }
        }

        return false;
    }

    private async Task DeadLetterAsync(Pending pending, string reason, CancellationToken cancellationToken)
    {
        await pending.Frame.NackAsync(cancellationToken).ConfigureAwait(false);
        tracker.Forget(pending.Message.MessageId);
        observer.DeadLettered(index, pending.Message, reason);
        logger.DeadLettered(index, pending.Message.MessageId, reason);
    }

    private ReceivedMessage ToReceived(StompMessage frame)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in frame.Headers)
        {
            // STOMP 1.2: the first of repeated headers counts.
            headers.TryAdd(key, value);
        }

        return new ReceivedMessage(frame.MessageId, frame.Destination, headers, frame.Body, frame.HasContentLength, frame.Redelivered, time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    private StompClientOptions ClientOptions() => new()
    {
        Endpoint = options.Broker,
        Login = options.User,
        Passcode = options.Password,
    };

    private sealed record Pending(ReceivedMessage Message, StompMessage Frame);
}
