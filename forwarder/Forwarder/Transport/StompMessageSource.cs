using System.Collections.Concurrent;
using System.Threading.Channels;
using Forwarder.Bridge;
using Forwarder.Configuration;
using Forwarder.Destinations;
using Microsoft.Extensions.Logging;
using Stomp;

namespace Forwarder.Transport;

/// <summary>
/// The source side over STOMP: one connection, one subscription per named queue (acknowledged cumulatively, see
/// <see cref="StompSubscription.AckReleasedAsync"/>) or wildcard (one ACK per message)
/// (a wildcard subscription names the real queue only in <c>destination</c>, checked against the filter), or, where a wildcard overlaps an
/// exclusion, one per queue found on <c>ActiveMQ.Advisory.Queue</c>. All subscriptions feed one buffer; the
/// prefetch of each bounds it.
/// </summary>
internal sealed class StompMessageSource : IMessageSource
{
    private readonly StompClient _client;
    private readonly ForwarderOptions _options;
    private readonly DestinationFilter _filter;
    private readonly ILogger _logger;
    private readonly Channel<InboundMessage> _buffer = Channel.CreateUnbounded<InboundMessage>();
    private readonly ConcurrentDictionary<string, StompSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly List<DestinationPattern> _directWildcards = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private readonly TimeProvider _time;

    private StompMessageSource(StompClient client, ForwarderOptions options, bool transformation, ILogger logger, TimeProvider time)
    {
        _client = client;
        _time = time;
        _options = options;
        _filter = options.CreateFilter();
        TransformationActive = transformation;
        _logger = logger;
    }

    public bool TransformationActive { get; }

    public int Buffered => _buffer.Reader.Count;

    public long UnsettledBytes => _client.UnsettledBytes;

    public static async Task<StompMessageSource> ConnectAsync(ForwarderOptions options, ILoggerFactory loggers, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        var clientOptions = StompClientFactory.Source(options);
        var filter = options.CreateFilter();
        var needsDiscovery = filter.Includes.Any(i => i.HasWildcard && filter.OverlappingExclusions(i).Count > 0);
        var jars = false;
        if (options.Transformation || needsDiscovery)
        {
            var probe = await StompClientFactory.ConnectAsync(clientOptions, loggers, time, cancellationToken);
            await using (probe)
            {
                jars = await TransformationProbe.IsAvailableAsync(probe, cancellationToken);
            }

            if (!jars)
            {
                logger.TransformationUnavailable(clientOptions.Endpoint.ToString());
            }
        }

        if (needsDiscovery && !jars)
        {
            var include = filter.Includes.First(i => i.HasWildcard && filter.OverlappingExclusions(i).Count > 0);
            throw new ForwarderConfigurationException(
                $"Forwarder:StaticallyIncludedDestinations: '{include}' overlaps the exclusion(s) {string.Join(", ", filter.OverlappingExclusions(include).Select(e => $"'{e}'"))}. " +
                "A wildcard subscription would consume the excluded queues' messages too, and finding the matching queues one by one " +
                "needs the advisory topic, which this broker cannot render over STOMP (xstream/jettison jars missing from its lib/). " +
                "Add the jars, or list the queues by name, or use a wildcard that no exclusion overlaps");
        }

        var client = await StompClientFactory.ConnectAsync(clientOptions, loggers, time, cancellationToken);
        var source = new StompMessageSource(client, options, options.Transformation && jars, logger, time);
        try
        {
            await source.SubscribeAllAsync(needsDiscovery, cancellationToken);
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }

        logger.SourceConnected(clientOptions.Endpoint.ToString(), source.TransformationActive);
        return source;
    }

    public ValueTask<InboundMessage> ReceiveAsync(CancellationToken cancellationToken) => _buffer.Reader.ReadAsync(cancellationToken);

    public bool TryReceive(out InboundMessage message) => _buffer.Reader.TryRead(out message!);

    public Task AckAsync(InboundMessage message, CancellationToken cancellationToken) => AckAllAsync([message], cancellationToken);

    public Task AckAllAsync(IReadOnlyList<InboundMessage> messages, CancellationToken cancellationToken)
    {
        // Written in order without waiting for each; DISCONNECT's receipt later confirms them all. A queue's own
        // subscription (client mode) gets one cumulative ACK for all it can: never past a message the agent has not
        // settled (held for a refusing target, being parked), whose bytes still leave the budget at once. A direct
        // wildcard's carries many queues, where one held queue would stop every ACK: one ACK each. (Acknowledging in
        // a source transaction was measured: not faster on ActiveMQ 5.17.)
        var acks = new List<Task>();
        var cumulative = new List<StompSubscription>(1);
        foreach (var message in messages)
        {
            var frame = Frame(message);
            if (frame.Subscription.AckMode != StompAckMode.Client)
            {
                acks.Add(frame.AckAsync(cancellationToken));
                continue;
            }

            frame.ReleaseBudget();
            if (!cumulative.Contains(frame.Subscription))
            {
                cumulative.Add(frame.Subscription);
            }
        }

        foreach (var subscription in cumulative)
        {
            acks.Add(subscription.AckReleasedAsync(cancellationToken));
        }

        return Task.WhenAll(acks);
    }

    public Task NackAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        // Only this message, in either mode; in client mode the ACK it held back may now go.
        var frame = Frame(message);
        var nack = frame.NackAsync(cancellationToken);
        return frame.Subscription.AckMode == StompAckMode.Client
            ? Task.WhenAll(nack, frame.Subscription.AckReleasedAsync(cancellationToken))
            : nack;
    }

    public Task SendAsync(OutboundMessage message, CancellationToken cancellationToken) =>
        _client.SendAsync("/queue/" + message.Queue, message.Headers, message.Body, new StompSendOptions { Receipt = true, ContentLength = message.WithContentLength }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _buffer.Writer.TryComplete();
        // DISCONNECT with a receipt: every ACK written before it has been handled by the broker.
        await _client.DisposeAsync();
        try
        {
            await Task.WhenAll(_pumps);
        }
        catch (Exception ex) when (ex is OperationCanceledException or StompException or ChannelClosedException)
        {
            // The pumps end with the connection; their errors were already reported through the buffer.
        }

        _stop.Dispose();
    }

    private static StompMessage Frame(InboundMessage message) =>
        message.AckToken as StompMessage ?? throw new InvalidOperationException($"message {message.MessageId} did not come from a STOMP source");

    /// <summary>
    /// The source queue is the subscription's. A wildcard subscription names the queue only in <c>destination</c>,
    /// which a JMS property of that name overwrites: a value that is not a queue this link forwards is not followed.
    /// </summary>
    private InboundMessage ToInbound(StompMessage m, string subscribed, DestinationPattern? wildcard)
    {
        var queue = subscribed;
        string? unroutable = null;
        if (wildcard is not null)
        {
            var destination = m.Destination;
            var claimed = destination.StartsWith("/queue/", StringComparison.Ordinal) ? destination["/queue/".Length..] : null;
            if (claimed is not null && wildcard.Matches(claimed) && _filter.IsForwarded(claimed))
            {
                queue = claimed;
            }
            else
            {
                queue = UnknownSourceQueue.For(wildcard);
                unroutable = $"the wildcard subscription /queue/{wildcard} delivered it with destination '{destination}', which is not a queue " +
                    "this link forwards (a JMS property named destination overwrites the header): its source queue is unknown, so it stays on-prem";
            }
        }

        return new InboundMessage(queue, m.MessageId, m.Headers, m.Body, m.HasContentLength, m.Redelivered) { AckToken = m, Unroutable = unroutable, DroppedHeaders = m.DroppedHeaders, ArrivedAt = _time.GetTimestamp() };
    }

    private async Task SubscribeAllAsync(bool discovery, CancellationToken cancellationToken)
    {
        foreach (var include in _filter.Includes)
        {
            if (!include.HasWildcard)
            {
                if (_filter.IsForwarded(include.Text))
                {
                    await SubscribeQueueAsync(include.Text, null, cancellationToken);
                }
            }
            else if (_filter.OverlappingExclusions(include).Count == 0)
            {
                _directWildcards.Add(include);
                await SubscribeQueueAsync(include.Text, include, cancellationToken);
            }
        }

        if (discovery)
        {
            var advisories = await _client.SubscribeAsync(QueueDiscovery.AdvisoryTopic, new StompSubscribeOptions { AckMode = StompAckMode.Auto }, cancellationToken);
            _pumps.Add(Task.Run(() => DiscoverAsync(advisories, _stop.Token), CancellationToken.None));
        }
    }

    /// <param name="queue">The queue, or the wildcard's text.</param>
    /// <param name="wildcard">The wildcard subscribed to directly, whose frames name their queue only in <c>destination</c>. Subscribed without a receipt: ActiveMQ 5.17 does not
    /// dispatch the messages already stored to a wildcard subscription made with one (see <see cref="StompSubscribeOptions.Receipt"/>).
    /// </param>
    /// <param name="cancellationToken">Cancels the SUBSCRIBE.</param>
    private async Task SubscribeQueueAsync(string queue, DestinationPattern? wildcard, CancellationToken cancellationToken)
    {
        if (_subscriptions.ContainsKey(queue))
        {
            return;
        }

        // A queue's own subscription is acknowledged cumulatively. A direct wildcard's carries many queues: one held
        // queue would stop the ACKs of all the others, so it keeps one ACK per message.
        List<KeyValuePair<string, string>> headers = TransformationActive ? [new("transformation", "jms-json")] : [];
        var subscription = await _client.SubscribeAsync(
            "/queue/" + queue,
            new StompSubscribeOptions
            {
                AckMode = wildcard is null ? StompAckMode.Client : StompAckMode.ClientIndividual,
                Prefetch = _options.Prefetch,
                Headers = headers,
                Receipt = wildcard is null,
            },
            cancellationToken);
        _subscriptions[queue] = subscription;
        _logger.Subscribed("/queue/" + queue, _options.Prefetch);
        _pumps.Add(Task.Run(() => PumpAsync(subscription, queue, wildcard, _stop.Token), CancellationToken.None));
    }

    private async Task PumpAsync(StompSubscription subscription, string queue, DestinationPattern? wildcard, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in subscription.ReadAllAsync(cancellationToken))
            {
                await _buffer.Writer.WriteAsync(ToInbound(message, queue, wildcard), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The connection is lost: the worker sees it on its next receive and reconnects.
            _buffer.Writer.TryComplete(ex);
        }
    }

    private async Task DiscoverAsync(StompSubscription advisories, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var advisory in advisories.ReadAllAsync(cancellationToken))
            {
                if (QueueDiscovery.Parse(advisory.Body.Span) is not { Added: true } found)
                {
                    continue;
                }

                if (QueueDiscovery.IsWildcardName(found.Queue))
                {
                    // Subscribing to that name would be a wildcard subscription over the excluded queues too.
                    _logger.WildcardQueueIgnored(found.Queue);
                }
                else if (_filter.IsForwarded(found.Queue)
                    && !_directWildcards.Any(w => w.Matches(found.Queue))
                    && !_subscriptions.ContainsKey(found.Queue))
                {
                    _logger.QueueDiscovered(found.Queue);
                    await SubscribeQueueAsync(found.Queue, null, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _buffer.Writer.TryComplete(ex);
        }
    }
}
