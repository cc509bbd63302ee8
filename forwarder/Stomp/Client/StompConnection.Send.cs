using System.Buffers;
using Stomp.Framing;

namespace Stomp.Client;

/// <summary>Sending: frames are serialised by the caller, queued in call order and written by one loop; frames awaiting a RECEIPT hold a slot of the receipt window.</summary>
internal sealed partial class StompConnection
{
    // Bytes written to the socket per flush at most (frames larger than this are split).
    private const int FlushBytes = 256 * 1024;

    // When the flush in progress started (TimeProvider timestamp), 0 when none is: the watchdog's stalled-write check.
    private long _flushingSince;

    /// <summary>
    /// Serialises and queues a frame, in call order. With <paramref name="receipt"/> the task completes when the
    /// RECEIPT arrives (faults with <see cref="StompErrorException"/> on an ERROR for it); otherwise when written.
    /// Cancelling only stops the wait: a queued frame is still sent. A frame that breaks the limits faults the task
    /// with <see cref="StompFrameLimitException"/> (or <see cref="ArgumentException"/>) and nothing is queued.
    /// </summary>
    public Task EnqueueAsync(
        string command, List<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body, bool contentLength,
        bool receipt, string description, CancellationToken cancellationToken) =>
        EnqueueAsync(
            command, headers, body, contentLength,
            receipt ? "r-" + Interlocked.Increment(ref _nextReceipt).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            description, cancellationToken);

    /// <summary>As above, awaiting the RECEIPT with <paramref name="receiptId"/> when it is not null.</summary>
    private Task EnqueueAsync(
        string command, List<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body, bool contentLength,
        string? receiptId, string description, CancellationToken cancellationToken)
    {
        if (Failure is { } failure)
        {
            return Task.FromException(Closed(failure));
        }

        PendingReceipt? pending = null;
        if (receiptId is not null)
        {
            pending = new PendingReceipt(receiptId, description);
            headers.Add(new("receipt", pending.Id));
        }

        var buffer = new ArrayBufferWriter<byte>(256 + body.Length);
        try
        {
            StompFrameWriter.Write(buffer, command, headers, body, contentLength, _outboundLimits);
        }
        catch (Exception ex) when (ex is StompFrameLimitException or ArgumentException)
        {
            // Nothing was queued; report it through the task like every other outcome of a send.
            return Task.FromException(ex);
        }
        var outgoing = new Outgoing(buffer.WrittenMemory, pending,
            pending is null ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null);

        lock (_lock)
        {
            if (_failure is not null)
            {
                return Task.FromException(Closed(_failure));
            }

            if (pending is not null)
            {
                _receipts.Add(pending.Id, pending);
                // A read paused for the budget must go on to reach this receipt.
                _budget.Nudge();
            }

            if (_heldBack.Count == 0 && (pending is null || _inFlight < _options.MaxInFlightReceipts))
            {
                Release(outgoing);
            }
            else
            {
                _heldBack.Enqueue(outgoing);
            }
        }

        var task = pending?.Completion.Task ?? outgoing.Written!.Task;
        return cancellationToken.CanBeCanceled ? task.WaitAsync(cancellationToken) : task;
    }

    // Under _lock: hand the frame to the writer and, if it awaits a receipt, take a window slot.
    private void Release(Outgoing outgoing)
    {
        if (outgoing.Receipt is not null)
        {
            _inFlight++;
        }

        _writeQueue.Writer.TryWrite(outgoing);
    }

    private async Task WriteLoopAsync()
    {
        var written = new List<Outgoing>();
        // The frame whose chunks are being written: not in 'written' until its last chunk is, but failed with it.
        Outgoing? partial = null;
        var reader = _writeQueue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_shutdown.Token))
            {
                while (reader.TryRead(out var outgoing))
                {
                    // A large frame goes out in flushed chunks, so the watchdog can tell a socket that takes data
                    // slowly (a slow link) from one that takes none (a broker that stopped reading).
                    var bytes = outgoing.Bytes;
                    partial = outgoing;
                    while (bytes.Length > FlushBytes)
                    {
                        _writer.Write(bytes.Span[..FlushBytes]);
                        bytes = bytes[FlushBytes..];
                        await FlushAsync(written);
                    }

                    _writer.Write(bytes.Span);
                    written.Add(outgoing);
                    partial = null;

                    if (_writer.UnflushedBytes >= FlushBytes)
                    {
                        await FlushAsync(written);
                    }
                }

                await FlushAsync(written);
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Close(new StompConnectionException($"writing to {_options.Endpoint} failed: {ex.Message}", ex));
        }
        finally
        {
            var closed = Closed(Failure ?? new StompConnectionException("the connection was closed"));
            foreach (var w in written)
            {
                w.Written?.TrySetException(closed);
            }

            partial?.Written?.TrySetException(closed);
        }
    }

    private async Task FlushAsync(List<Outgoing> written)
    {
        Volatile.Write(ref _flushingSince, Math.Max(1, _time.GetTimestamp()));
        await _writer.FlushAsync(_shutdown.Token);
        var now = _time.GetTimestamp();
        Volatile.Write(ref _flushingSince, 0);
        Volatile.Write(ref _lastWrite, now);
        foreach (var w in written)
        {
            w.Receipt?.MarkWritten(now);
            w.Written?.TrySetResult();
        }

        written.Clear();
    }
}
