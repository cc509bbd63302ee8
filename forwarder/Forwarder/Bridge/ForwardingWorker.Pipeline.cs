namespace Forwarder.Bridge;

/// <summary>The target pipeline of the worker: batches in flight, confirmation in order, acknowledgement after it.</summary>
internal sealed partial class ForwardingWorker
{
    /// <summary>
    /// Sends batches from the unsent part of <see cref="_pending"/> while the pipeline has room. Batches on one
    /// connection are handled by the broker in order, so pipelining keeps order and keeps the target busy while
    /// the previous COMMIT is being synced. After a failure, messages go one at a time and unpipelined.
    /// </summary>
    /// <returns>Whether a batch was started.</returns>
    private bool StartSends()
    {
        var started = false;
        while (_pending.Count > _sentCount && (_isolate > 0 ? _inFlight.Count == 0 : _inFlight.Count < _options.PipelineDepth))
        {
            var take = _isolate > 0 ? 1 : Math.Min(_options.BatchSize, _pending.Count - _sentCount);
            var batch = _pending.GetRange(_sentCount, take);
            var outbound = batch.Select(m => _mapped[m]).ToList();
            _inFlight.Enqueue(new InFlightBatch(batch, SendBatchAsync(_sink!, outbound), _time.GetTimestamp()));
            _sentCount += take;
            started = true;
        }

        return started;
    }

    // Any failure, even one thrown before the send starts, surfaces from the batch's task, in order.
    private static async Task SendBatchAsync(IMessageSink sink, List<OutboundMessage> outbound) =>
        await sink.SendBatchAsync(outbound, CancellationToken.None);

    /// <summary>Waits for the oldest batch; on success acknowledges its messages on the source.</summary>
    private async Task<int> CompleteOldestAsync(CancellationToken cancellationToken)
    {
        var oldest = _inFlight.Peek();
        try
        {
            await oldest.Confirmed.WaitAsync(cancellationToken);
        }
        catch (MessageRejectedException ex)
        {
            await AbandonInFlightAsync();
            _isolate = _pending.Count;
            await CountFailedAttemptAsync(oldest.Messages[Math.Clamp(ex.Index, 0, oldest.Messages.Count - 1)], ex.Reason, cancellationToken);
            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.TargetLost(_sink?.Endpoint ?? "target", _pending.Count, ex.Message);
            await AbandonInFlightAsync();
            await DropSinkAsync();
            _isolate = _pending.Count;
            if (oldest.Messages.Count == 1)
            {
                // Alone in flight and the connection died: likely this message (e.g. above the broker's maxFrameSize).
                await CountFailedAttemptAsync(oldest.Messages[0], $"the target closed the connection while this message was the only one in flight ({ex.Message})", cancellationToken);
            }

            return 0;
        }

        _inFlight.Dequeue();
        var batch = oldest.Messages;
        var sent = _time.GetElapsedTime(oldest.Started);
        var ackStart = _time.GetTimestamp();
        await _source!.AckAllAsync(batch, cancellationToken);
        foreach (var message in batch)
        {
            _attempts.Remove(message.MessageId);
            _mapped.Remove(message);
        }

        _pending.RemoveRange(0, batch.Count);
        _sentCount -= batch.Count;
        _isolate = Math.Max(0, _isolate - batch.Count);
        foreach (var group in batch.GroupBy(m => m.Queue))
        {
            _metrics.Forwarded(group.Key, group.Count());
        }

        _logger.BatchForwarded(batch.Count, _receiveWait.TotalMilliseconds, sent.TotalMilliseconds, _time.GetElapsedTime(ackStart).TotalMilliseconds);
        return batch.Count;
    }

    /// <summary>
    /// Forgets every batch in flight after a failure: their messages stay pending (unacknowledged) and are sent
    /// again. A later batch may already have been stored by the target: at least once, recognisable by fwd_origin_id.
    /// </summary>
    private async Task AbandonInFlightAsync()
    {
        while (_inFlight.TryDequeue(out var batch))
        {
            try
            {
#pragma warning disable VSTHRD003 // started by this worker in StartSends; no synchronization context here
                await batch.Confirmed;
#pragma warning restore VSTHRD003
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Its outcome no longer matters: the messages are resent.
            }
        }

        _sentCount = 0;
    }
}
