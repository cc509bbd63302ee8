using System.Globalization;
using Forwarder.Configuration;
using Forwarder.Operations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forwarder.Bridge;

/// <summary>
/// Store-and-forward loop: receive a batch from the source, send it to the target, and acknowledge each source
/// message only after the target confirmed it stored. One batch at a time, so order per queue is kept. Each side
/// reconnects on its own; while the target is down the batch stays unacknowledged on the source and nothing more is
/// read.
/// </summary>
internal sealed partial class ForwardingWorker : BackgroundService
{
    private readonly IBrokerConnector _connector;
    private readonly MessageMapper _mapper;
    private readonly ForwarderOptions _options;
    private readonly ForwarderMetrics _metrics;
    private readonly FatalError _fatal;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Backoff _backoff;
    private readonly List<InboundMessage> _pending = [];
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _oldestTracked = new(StringComparer.Ordinal);

    // What each pending message maps to, computed once per delivery (records compare by value; these by reference).
    private readonly Dictionary<InboundMessage, OutboundMessage> _mapped = new(ReferenceEqualityComparer.Instance);
    private IMessageSource? _source;
    private IMessageSink? _sink;
    private int _sinkIndex;
    private int _sourceFailures;
    private int _sinkFailures;
    private bool _sourceEverUp;
    private bool _sinkEverUp;
    private TimeSpan _receiveWait;

    // Batches sent and not yet confirmed, oldest first; they are the first _sentCount messages of _pending.
    private readonly Queue<InFlightBatch> _inFlight = new();
    private int _sentCount;

    // After a failed batch, send this many messages one at a time so a refusal is pinned on the right message.
    private int _isolate;

    public ForwardingWorker(
        IBrokerConnector connector,
        MessageMapper mapper,
        IOptions<ForwarderOptions> options,
        ForwarderMetrics metrics,
        FatalError fatal,
        TimeProvider time,
        ILogger<ForwardingWorker> logger,
        IHostApplicationLifetime? lifetime = null)
    {
        _fatal = fatal;
        _lifetime = lifetime;
        _connector = connector;
        _mapper = mapper;
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _backoff = new Backoff(_options.ReconnectInitialDelay, _options.ReconnectMaxDelay, _options.ReconnectJitter);
    }

    /// <summary>Messages received and not yet settled (acknowledged, parked or dead-lettered).</summary>
    internal int PendingCount => _pending.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Sends and acks of a batch already received finish after a stop request, up to DrainTimeout.
        using var drain = new CancellationTokenSource();
        using var onStop = stoppingToken.Register(() =>
        {
            _logger.Draining(_pending.Count, _options.DrainTimeout);
            drain.CancelAfter(_options.DrainTimeout);
        });
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await ForwardOnceAsync(stoppingToken, drain.Token);
                // Stopping: finish what was received (and sent), read nothing more.
                while (stoppingToken.IsCancellationRequested && _pending.Count > 0 && _sink is not null && _source is not null && !drain.IsCancellationRequested)
                {
                    await ProcessPendingAsync(drain.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: unacknowledged messages return to the source queue when the connection closes.
        }
        catch (ForwarderConfigurationException ex)
        {
            _logger.FatalConfiguration(ex.Message);
            _fatal.Set(ex.Message);
            _lifetime?.StopApplication();
        }
        finally
        {
            await CloseAsync();
            _logger.Stopped(_metrics.ForwardedTotal, _metrics.ParkedTotal);
        }
    }

    /// <summary>One iteration: connect what is down, receive a batch if none is pending, forward it.</summary>
    /// <returns>The number of messages settled in this iteration.</returns>
    internal Task<int> ForwardOnceAsync(CancellationToken cancellationToken) => ForwardOnceAsync(cancellationToken, cancellationToken);

    internal async Task<int> ForwardOnceAsync(CancellationToken receiveToken, CancellationToken sendToken)
    {
        if (_source is null && !await TryConnectSourceAsync(receiveToken))
        {
            return 0;
        }

        // Connect the target before reading: while it is down, messages stay on the source broker.
        if (_sink is null && !await TryConnectSinkAsync(receiveToken))
        {
            return 0;
        }

        try
        {
            // Block for the first message only when nothing is in flight: confirmations must not wait for new input.
            if (_pending.Count == 0)
            {
                var waitStart = _time.GetTimestamp();
                _pending.Add(await _source!.ReceiveAsync(receiveToken));
                _receiveWait = _time.GetElapsedTime(waitStart);
            }

            while (_pending.Count < _options.BatchSize * _options.PipelineDepth && _source!.TryReceive(out var more))
            {
                _pending.Add(more);
            }
        }
        catch (Exception ex) when (!receiveToken.IsCancellationRequested)
        {
            await DropSourceAsync(ex);
            return 0;
        }

        _metrics.InFlight = _pending.Count;
        return await ProcessPendingAsync(sendToken);
    }

    private async Task<int> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        try
        {
            var settled = await SettleUnforwardableAsync(cancellationToken);
            var started = StartSends();
            // Wait for the oldest batch when the pipeline is full or nothing more is about to be sent.
            var idle = _pending.Count == _sentCount && _source!.Buffered == 0;
            if (_inFlight.Count > 0 && (!started || idle || _inFlight.Count >= _options.PipelineDepth || _isolate > 0))
            {
                settled += await CompleteOldestAsync(cancellationToken);
            }

            return settled;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Everything else in a batch is a source operation (ack, park, nack).
            await DropSourceAsync(ex);
            return 0;
        }
        finally
        {
            _metrics.InFlight = _pending.Count;
            TrackOldest();
        }
    }

    /// <summary>The oldest message not yet forwarded per queue is the head of the pending batch.</summary>
    private void TrackOldest()
    {
        foreach (var queue in _oldestTracked.ToList())
        {
            if (!_pending.Any(m => m.Queue == queue))
            {
                _metrics.OldestInFlight(queue, null);
                _oldestTracked.Remove(queue);
            }
        }

        foreach (var group in _pending.GroupBy(m => m.Queue))
        {
            var oldest = group.Select(m => long.TryParse(m.Header("timestamp"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ts) && ts > 0 ? ts : long.MaxValue).Min();
            if (oldest != long.MaxValue)
            {
                _metrics.OldestInFlight(group.Key, oldest);
                _oldestTracked.Add(group.Key);
            }
        }
    }

    /// <summary>Parks or dead-letters what must not be forwarded; returns how many.</summary>
    private async Task<int> SettleUnforwardableAsync(CancellationToken cancellationToken)
    {
        var settled = 0;
        foreach (var message in _pending.ToList())
        {
            if (_mapped.ContainsKey(message))
            {
                continue;
            }

            var outcome = _mapper.Map(message, _source!.TransformationActive);
            if (outcome.Action == MappingAction.Forward)
            {
                _mapped[message] = outcome.Message!;
            }
            else if (outcome.Action == MappingAction.Park)
            {
                await ParkAsync(message, outcome.Reason!, cancellationToken);
                settled++;
            }
            else if (outcome.Action == MappingAction.DeadLetter)
            {
                await _source.NackAsync(message, cancellationToken);
                _pending.Remove(message);
                _mapped.Remove(message);
                _metrics.DeadLettered(message.Queue);
                _logger.MessageDeadLettered(message.Queue, message.MessageId, outcome.Reason!);
                settled++;
            }
        }

        return settled;
    }

    private async Task CountFailedAttemptAsync(InboundMessage message, string reason, CancellationToken cancellationToken)
    {
        var attempt = _attempts.GetValueOrDefault(message.MessageId) + 1;
        _attempts[message.MessageId] = attempt;
        _logger.MessageRejected(message.Queue, message.MessageId, attempt, _options.MaxAttempts, reason);
        if (attempt >= _options.MaxAttempts)
        {
            await ParkAsync(message, string.Create(CultureInfo.InvariantCulture, $"target refused it {attempt} time(s): {reason}"), cancellationToken);
            return;
        }

        await Task.Delay(_backoff.Delay(attempt - 1), _time, cancellationToken);
    }

    /// <summary>Copy to the parking queue on the source broker (with receipt), then acknowledge the original.</summary>
    private async Task ParkAsync(InboundMessage message, string reason, CancellationToken cancellationToken)
    {
        var copy = _mapper.ParkCopy(message, reason);
        try
        {
            await _source!.SendAsync(copy, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.ParkFailed(message.Queue, message.MessageId, copy.Queue, ex);
            throw;
        }

        await _source.AckAsync(message, cancellationToken);
        _pending.Remove(message);
        _mapped.Remove(message);
        _attempts.Remove(message.MessageId);
        _isolate = Math.Max(0, _isolate - 1);
        _metrics.Parked(message.Queue);
        _logger.MessageParked(message.Queue, message.MessageId, copy.Queue, reason);
    }

    private sealed record InFlightBatch(List<InboundMessage> Messages, Task Confirmed, long Started);
}
