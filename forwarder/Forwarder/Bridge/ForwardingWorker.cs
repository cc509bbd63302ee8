using Forwarder.Configuration;
using Forwarder.Operations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forwarder.Bridge;

/// <summary>
/// Store-and-forward loop: receive messages from the source, send them to the target in pipelined batches, and
/// acknowledge each source message only after the target confirmed it stored it. One connection per side, batches
/// in order, so order per queue is kept. Each side reconnects on its own; while the target is down the messages
/// stay unacknowledged on the source and nothing more is read.
/// </summary>
internal sealed partial class ForwardingWorker : BackgroundService
{
    private readonly MessageMapper _mapper;
    private readonly ForwarderOptions _options;
    private readonly ForwarderMetrics _metrics;
    private readonly FatalError _fatal;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SourceLink _source;
    private readonly TargetLink _target;
    private readonly PendingMessages _pending = new();
    private readonly TargetPipeline _pipeline;
    private readonly RefusalCounter _refusals;
    private readonly HeldQueues _held;
    private readonly OldestPendingGauge _oldest;

    // How long the latest receive waited for its first message, for the per-batch debug line.
    private TimeSpan _receiveWait;

    // The queue of a message that may have taken in the next frame (SwallowedFrame): read nothing more, settle what is
    // pending, then reconnect the source so the broker delivers that frame's message again.
    private string? _reconnectSourceAfter;

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
        _mapper = mapper;
        _options = options.Value;
        _metrics = metrics;
        _fatal = fatal;
        _lifetime = lifetime;
        _time = time;
        _logger = logger;
        var backoff = new Backoff(_options.ReconnectInitialDelay, _options.ReconnectMaxDelay, _options.ReconnectJitter);
        _source = new SourceLink(connector, _options, metrics, backoff, time, logger);
        _target = new TargetLink(connector, _options, metrics, backoff, time, logger);
        _pipeline = new TargetPipeline(_options.BatchSize, _options.PipelineDepth, time, metrics.OldestSendStarted, _options.BatchBytes);
        _refusals = new RefusalCounter(_options.MaxAttempts, backoff);
        _held = new HeldQueues(time);
        _oldest = new OldestPendingGauge(metrics.OldestInFlight);
        metrics.ObserveInFlightBytes(() => _source.Current?.UnsettledBytes ?? 0);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Sends and acks of messages already received finish after a stop request, up to DrainTimeout.
        using var drain = new StopDrain(_options.DrainTimeout, _time);
        using var onStop = stoppingToken.Register(() =>
        {
            _logger.Draining(_pending.Count, _options.DrainTimeout);
            drain.Begin();
        });
        _metrics.WorkerRunning = true;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await ForwardOnceAsync(stoppingToken, drain.Token);
                // Stopping: finish what was received (and sent), read nothing more.
                while (stoppingToken.IsCancellationRequested && _pending.Count > 0 && _target.Current is not null && _source.Current is not null && !drain.IsOver)
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
            await _target.CloseAsync();
            await _source.CloseAsync();
            _metrics.WorkerRunning = false;
            _logger.Stopped(_metrics.ForwardedTotal, _metrics.ParkedTotal);
        }
    }

    /// <summary>One iteration: connect what is down, receive what is there, forward it.</summary>
    /// <returns>The number of messages settled in this iteration.</returns>
    internal Task<int> ForwardOnceAsync(CancellationToken cancellationToken) => ForwardOnceAsync(cancellationToken, cancellationToken);

    /// <param name="receiveToken">Stops connecting and receiving.</param>
    /// <param name="sendToken">Stops sending and acknowledging what was received.</param>
    internal async Task<int> ForwardOnceAsync(CancellationToken receiveToken, CancellationToken sendToken)
    {
        if (_reconnectSourceAfter is { } queue && _pending.Count == 0)
        {
            _logger.SourceReconnectingAfterSwallowedFrame(queue);
            _reconnectSourceAfter = null;
            _held.Clear();
            // As after a failure, the next connect waits the first backoff step: a producer sending many such
            // messages must not make the agent reconnect in a tight loop.
            await _source.DropAsync();
        }

        if (_source.Current is null && !await _source.TryConnectAsync(receiveToken))
        {
            return 0;
        }

        // Connect the target before reading: while it is down, messages stay on the source broker.
        if (_target.Current is null && !await _target.TryConnectAsync(receiveToken))
        {
            return 0;
        }

        if (!await ReceiveAsync(_source.Current!, receiveToken))
        {
            return 0;
        }

        _metrics.InFlight = _pending.Count;
        return await ProcessPendingAsync(sendToken);
    }

    /// <summary>Adds what the source has to the pending messages, up to what the pipeline can hold.</summary>
    /// <returns>False when the source connection was lost.</returns>
    private async Task<bool> ReceiveAsync(IMessageSource source, CancellationToken cancellationToken)
    {
        if (_reconnectSourceAfter is not null)
        {
            return true;
        }

        try
        {
            foreach (var released in _held.Release())
            {
                _pending.Add(released);
            }

            // Block for the first message only when nothing is in flight: confirmations must not wait for new input.
            if (_pending.Count == 0)
            {
                var waitStart = _time.GetTimestamp();
                if (await ReceiveFirstAsync(source, cancellationToken) is { } first)
                {
                    Add(first);
                }

                _receiveWait = _time.GetElapsedTime(waitStart);
            }

            // Held messages are bounded by the source's prefetch, not by the pipeline: they wait for no one.
            while (_pending.Count < _options.BatchSize * _options.PipelineDepth && source.TryReceive(out var more))
            {
                Add(more);
            }

            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await DropSourceAsync(ex);
            return false;
        }
    }

    /// <summary>Waits for a message, but only until the next held queue is due; null then.</summary>
    private async Task<InboundMessage?> ReceiveFirstAsync(IMessageSource source, CancellationToken cancellationToken)
    {
        if (_held.UntilNextRelease() is not { } due)
        {
            return await source.ReceiveAsync(cancellationToken);
        }

        using var timeout = new CancellationTokenSource(due, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await source.ReceiveAsync(linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private void Add(InboundMessage message)
    {
        if (_held.IsHeld(message.Queue))
        {
            _held.Add(message);
        }
        else
        {
            _pending.Add(message);
        }
    }

    private async Task<int> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        try
        {
            var settled = await SettleUnforwardableAsync(cancellationToken);
            var started = _pipeline.StartSends(_pending, _target.Current!);
            var idle = _pending.Count == _pipeline.SentCount && _source.Current!.Buffered == 0;
            if (_pipeline.ShouldAwaitOldest(started, idle))
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
            _oldest.Update(_pending.All);
        }
    }

    private async Task DropSourceAsync(Exception ex)
    {
        _logger.SourceLost(_pending.Count, ex);
        await _pipeline.AbandonAsync(isolateNext: 0);
        // The broker redelivers every unacknowledged message of the closed connection.
        _pending.Clear();
        _held.Clear();
        _reconnectSourceAfter = null;
        _metrics.InFlight = 0;
        await _source.DropAsync();
    }
}
