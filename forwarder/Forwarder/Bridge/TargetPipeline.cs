namespace Forwarder.Bridge;

/// <summary>
/// The batches sent to the target and not yet confirmed, oldest first: the first <see cref="SentCount"/> pending
/// messages. Batches on one connection are stored by the broker in order, so up to <c>depth</c> of them are in flight
/// at once and the target works on the next while the previous COMMIT is synced. After a failure the pipeline sends
/// the messages that were pending one at a time and unpipelined, so a refusal is pinned on the right message.
/// </summary>
/// <param name="oldestChanged">Told when the oldest batch in flight was sent (a timestamp), or null when none is.</param>
/// <param name="batchBytes">Most body bytes per batch; a larger message goes alone.</param>
internal sealed class TargetPipeline(int batchSize, int depth, TimeProvider time, Action<long?>? oldestChanged = null, long batchBytes = long.MaxValue)
{
    private readonly Queue<InFlightBatch> _inFlight = new();

    // Messages still to send one at a time after a failure.
    private int _isolate;

    public int InFlightCount => _inFlight.Count;

    /// <summary>Pending messages handed to the target and not yet confirmed: the head of the pending list.</summary>
    public int SentCount { get; private set; }

    public InFlightBatch Oldest => _inFlight.Peek();

    /// <summary>Sends batches of the unsent pending messages while the pipeline has room.</summary>
    /// <returns>Whether a batch was started.</returns>
    public bool StartSends(PendingMessages pending, IMessageSink sink)
    {
        var started = false;
        while (pending.Count > SentCount && (_isolate > 0 ? _inFlight.Count == 0 : _inFlight.Count < depth))
        {
            var (messages, outbound) = pending.Batch(SentCount, _isolate > 0 ? 1 : Math.Min(batchSize, pending.Count - SentCount), batchBytes);
            _inFlight.Enqueue(new InFlightBatch(messages, SendAsync(sink, outbound), time.GetTimestamp()));
            SentCount += messages.Count;
            started = true;
        }

        ReportOldest();
        return started;
    }

    /// <summary>
    /// Whether to wait for the oldest batch now: when the pipeline is full, when nothing more is about to be sent
    /// (nothing started, or <paramref name="idle"/>: all pending sent and nothing buffered), or while isolating.
    /// </summary>
    public bool ShouldAwaitOldest(bool started, bool idle) =>
        _inFlight.Count > 0 && (!started || idle || _inFlight.Count >= depth || _isolate > 0);

    /// <summary>The oldest batch was confirmed; it leaves the pipeline.</summary>
    public InFlightBatch RemoveOldest()
    {
        var oldest = _inFlight.Dequeue();
        SentCount -= oldest.Messages.Count;
        ReportOldest();
        return oldest;
    }

    /// <summary>Pending messages were settled (acknowledged or parked): fewer are left to send one at a time.</summary>
    public void Settled(int count) => _isolate = Math.Max(0, _isolate - count);

    /// <summary>
    /// Forgets every batch in flight after a failure: their messages stay pending (unacknowledged) and are sent
    /// again, the next <paramref name="isolateNext"/> of them one at a time. A later batch may already have been
    /// stored by the target: at least once, recognisable by fwd_origin_id.
    /// </summary>
    public async Task AbandonAsync(int isolateNext)
    {
        while (_inFlight.TryDequeue(out var batch))
        {
            try
            {
#pragma warning disable VSTHRD003 // started by StartSends; no synchronization context here
                await batch.Confirmed;
#pragma warning restore VSTHRD003
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Its outcome no longer matters: the messages are resent.
            }
        }

        SentCount = 0;
        _isolate = isolateNext;
        ReportOldest();
    }

    // Any failure, even one thrown before the send starts, surfaces from the batch's task, in order.
    private static async Task SendAsync(IMessageSink sink, List<OutboundMessage> outbound) =>
        await sink.SendBatchAsync(outbound, CancellationToken.None);

    private void ReportOldest() => oldestChanged?.Invoke(_inFlight.TryPeek(out var oldest) ? oldest.Started : null);
}
