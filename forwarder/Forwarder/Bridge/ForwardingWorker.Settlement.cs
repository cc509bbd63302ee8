using System.Globalization;
using Microsoft.Extensions.Logging;
using Stomp;

namespace Forwarder.Bridge;

/// <summary>How the worker settles pending messages: acknowledged after confirmation, parked, or dead-lettered.</summary>
internal sealed partial class ForwardingWorker
{
    /// <summary>Maps what is new; parks or dead-letters what must not be forwarded. Returns how many were settled.</summary>
    private async Task<int> SettleUnforwardableAsync(CancellationToken cancellationToken)
    {
        var settled = await ParkHeldOverflowAsync(cancellationToken);
        foreach (var message in _pending.Unmapped())
        {
            var outcome = _mapper.Map(message, _source.Current!.TransformationActive);
            _reconnectSourceAfter ??= outcome.ReconnectSource ? message.Queue : null;
            switch (outcome.Action)
            {
                case MappingAction.Forward:
                    _pending.SetMapped(message, outcome.Message!);
                    break;
                case MappingAction.Park:
                    await ParkAsync(message, outcome.Reason!, cancellationToken);
                    settled++;
                    break;
                case MappingAction.DeadLetter:
                    await DeadLetterAsync(message, outcome.Reason!, cancellationToken);
                    settled++;
                    break;
            }
        }

        return settled;
    }

    /// <summary>Waits for the oldest batch; on success acknowledges its messages on the source.</summary>
    private async Task<int> CompleteOldestAsync(CancellationToken cancellationToken)
    {
        var oldest = _pipeline.Oldest;
        try
        {
            await oldest.Confirmed.WaitAsync(cancellationToken);
        }
        catch (MessageRejectedException ex)
        {
            await _pipeline.AbandonAsync(isolateNext: _pending.Count);
            // With a receipt per message the others of the window were confirmed: settle them, resend only the refused one.
            var stored = ex.Stored.Where(i => i < oldest.Messages.Count).Select(i => oldest.Messages[i]).ToList();
            if (stored.Count > 0)
            {
                await SettleForwardedAsync(stored, cancellationToken);
                foreach (var message in stored)
                {
                    _pending.Remove(message);
                }
            }

            await RefusedAsync(oldest.Messages[Math.Clamp(ex.Index, 0, oldest.Messages.Count - 1)], ex.Reason, cancellationToken);
            return stored.Count;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.TargetLost(_target.Current?.Endpoint ?? "target", _pending.Count, ex.Message);
            await _pipeline.AbandonAsync(isolateNext: _pending.Count);
            await _target.DropAsync();
            if (ex is TargetTimeoutException)
            {
                // Slow (flow control, a slow link), not refused: resend one at a time, never toward parking.
                _logger.TargetSlow(oldest.Messages.Count, _options.ReceiptTimeout);
            }
            else if (oldest.Messages.Count == 1 && _refusals.DroppedAlone(oldest.Messages[0].MessageId))
            {
                // Alone in flight each time the connection died: likely this message (e.g. above the broker's maxFrameSize).
                await RefusedAsync(oldest.Messages[0], $"the target closed the connection {RefusalCounter.DropsPerRefusal} times in a row while this message was the only one in flight ({ex.Message})", cancellationToken);
            }

            return 0;
        }

        return await AcknowledgeAsync(_pipeline.RemoveOldest(), cancellationToken);
    }

    private async Task<int> AcknowledgeAsync(InFlightBatch confirmed, CancellationToken cancellationToken)
    {
        var batch = confirmed.Messages;
        var sent = _time.GetElapsedTime(confirmed.Started);
        var ackStart = _time.GetTimestamp();
        foreach (var message in batch)
        {
            if (message.ArrivedAt != 0)
            {
                _metrics.ForwardLatency(message.Queue, _time.GetElapsedTime(message.ArrivedAt, ackStart));
            }
        }

        await SettleForwardedAsync(batch, cancellationToken);
        _pending.RemoveHead(batch);
        _logger.BatchForwarded(batch.Count, _receiveWait.TotalMilliseconds, sent.TotalMilliseconds, _time.GetElapsedTime(ackStart).TotalMilliseconds);
        return batch.Count;
    }

    /// <summary>Acknowledges on the source what the target confirmed; the caller removes them from the pending list.</summary>
    private async Task SettleForwardedAsync(List<InboundMessage> messages, CancellationToken cancellationToken)
    {
        await _source.Current!.AckAllAsync(messages, cancellationToken);
        foreach (var message in messages)
        {
            _refusals.Forget(message.MessageId);
        }

        _pipeline.Settled(messages.Count);
        foreach (var group in messages.GroupBy(m => m.Queue))
        {
            _metrics.Forwarded(group.Key, group.Count());
        }
    }

    /// <summary>
    /// The target refused the message (or dropped the connection over it): park it at the limit, else hold its queue
    /// for the backoff while the other queues flow. Called with nothing in flight.
    /// </summary>
    private async Task RefusedAsync(InboundMessage message, string reason, CancellationToken cancellationToken)
    {
        var attempt = _refusals.Refused(message.MessageId);
        _logger.MessageRejected(message.Queue, message.MessageId, attempt, _refusals.MaxAttempts, reason);
        if (_refusals.IsExhausted(attempt))
        {
            var refused = MessageMapper.Unforwardable(
                message, string.Create(CultureInfo.InvariantCulture, $"target refused it {attempt} time(s): {reason}"), _source.Current!.TransformationActive);
            await (refused.Action == MappingAction.Park
                ? ParkAsync(message, refused.Reason!, cancellationToken)
                : DeadLetterAsync(message, refused.Reason!, cancellationToken));
            return;
        }

        // It and what follows it from its queue; earlier ones were not refused and go on (one at a time, isolated).
        var held = _pending.All.SkipWhile(m => !ReferenceEquals(m, message)).Where(m => m.Queue == message.Queue).ToList();
        foreach (var m in held)
        {
            _pending.Remove(m);
        }

        var delay = _refusals.RetryDelay(attempt);
        _held.Hold(message.Queue, delay, held);
        _logger.QueueHeld(message.Queue, held.Count, delay);
        await ParkHeldOverflowAsync(cancellationToken);
    }

    /// <summary>
    /// Parks the held messages beyond half of <c>InFlightBytes</c>. They count in that budget until settled, and a full
    /// budget stops reading from the source connection every queue shares: without this, a refused queue of big
    /// messages would stop the other queues until each of its messages had used up its attempts.
    /// </summary>
    private async Task<int> ParkHeldOverflowAsync(CancellationToken cancellationToken)
    {
        var share = _options.InFlightBytes / 2;
        var overflow = _held.TakeOverflow(share);
        if (overflow.Count == 0)
        {
            return 0;
        }

        var reason = string.Create(
            CultureInfo.InvariantCulture, $"the target refused an earlier message of its queue, and the messages held behind it passed half of InFlightBytes ({share} bytes)");
        foreach (var message in overflow)
        {
            await ParkAsync(message, reason, cancellationToken);
        }

        return overflow.Count;
    }

    /// <summary>Copy to the parking queue on the source broker (with receipt), then acknowledge the original.</summary>
    private async Task ParkAsync(InboundMessage message, string reason, CancellationToken cancellationToken)
    {
        var source = _source.Current!;
        var copy = _mapper.ParkCopy(message, reason, source.TransformationActive);
        if (_refusals.ParkFailures(message.MessageId) >= RefusalCounter.DropsPerRefusal)
        {
            await NackUnparkableAsync(message, copy.Queue, reason, string.Create(CultureInfo.InvariantCulture, $"the source connection failed {RefusalCounter.DropsPerRefusal} times in a row while parking it"), cancellationToken);
            return;
        }

        try
        {
            await source.SendAsync(copy, cancellationToken);
        }
        catch (Exception ex) when (ex is StompErrorException or StompFrameLimitException or ArgumentException)
        {
            // The copy itself is refused (the connection stays up): the broker's dead-letter handling is all that is left.
            await NackUnparkableAsync(message, copy.Queue, reason, ex.Message, cancellationToken);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _refusals.ParkFailed(message.MessageId);
            _logger.ParkFailed(message.Queue, message.MessageId, copy.Queue, ex);
            throw;
        }

        await source.AckAsync(message, cancellationToken);
        _pending.Remove(message);
        _refusals.Forget(message.MessageId);
        _pipeline.Settled(1);
        _metrics.Parked(message.Queue);
        _logger.MessageParked(message.Queue, message.MessageId, copy.Queue, reason);
    }

    /// <summary>The message cannot even be parked: NACK, the only way left to take it out of the flow; an error with its id.</summary>
    private async Task NackUnparkableAsync(InboundMessage message, string parkingQueue, string reason, string error, CancellationToken cancellationToken)
    {
        await _source.Current!.NackAsync(message, cancellationToken);
        _pending.Remove(message);
        _refusals.Forget(message.MessageId);
        _pipeline.Settled(1);
        _metrics.DeadLettered(message.Queue);
        _logger.ParkRefusedNacked(message.Queue, message.MessageId, parkingQueue, reason, error);
    }

    /// <summary>NACK: the broker's own dead-letter queue keeps the complete original.</summary>
    private async Task DeadLetterAsync(InboundMessage message, string reason, CancellationToken cancellationToken)
    {
        await _source.Current!.NackAsync(message, cancellationToken);
        _pending.Remove(message);
        _metrics.DeadLettered(message.Queue);
        _logger.MessageDeadLettered(message.Queue, message.MessageId, reason);
    }
}
