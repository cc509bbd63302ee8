using System.Threading.Channels;

namespace LocalEventSource.Batching;

/// <summary>
/// Cuts a stream of items into batches the way Lambda's event source mapping does: a batch closes when it holds
/// <see cref="BatchingOptions.BatchSize"/> items, when the next item would take it over the payload limit (that item
/// starts the next batch), or when the batching window, counted from the batch's first item, has passed.
/// Not thread-safe: one reader.
/// </summary>
internal sealed class Batcher<T>
{
    private readonly ChannelReader<T> _reader;
    private readonly BatchingOptions _options;
    private readonly Func<T, long> _sizeOf;
    private readonly TimeProvider _time;
    private T? _carried;
    private bool _hasCarried;

    public Batcher(ChannelReader<T> reader, BatchingOptions options, Func<T, long> sizeOf, TimeProvider time)
    {
        options.Validate();
        _reader = reader;
        _options = options;
        _sizeOf = sizeOf;
        _time = time;
    }

    /// <summary>
    /// Waits for the first item, then gathers. Returns an empty list once the channel is completed and drained.
    /// A single item larger than the payload limit comes back alone; the caller decides what to do with it.
    /// </summary>
    public async ValueTask<IReadOnlyList<T>> NextBatchAsync(CancellationToken cancellationToken)
    {
        var batch = new List<T>();
        long bytes = 0;
        if (_hasCarried)
        {
            batch.Add(_carried!);
            bytes = _sizeOf(_carried!);
            _carried = default;
            _hasCarried = false;
        }
        else
        {
            if (!await _reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) || !_reader.TryRead(out var first))
            {
                return batch;
            }

            batch.Add(first);
            bytes = _sizeOf(first);
        }

        var deadline = _time.GetTimestamp() + (long)(_options.MaximumBatchingWindow.TotalSeconds * _time.TimestampFrequency);
        while (batch.Count < _options.BatchSize && bytes <= _options.MaximumPayloadBytes)
        {
            if (_reader.TryRead(out var item))
            {
                var size = _sizeOf(item);
                if (bytes + size > _options.MaximumPayloadBytes)
                {
                    _carried = item;
                    _hasCarried = true;
                    break;
                }

                batch.Add(item);
                bytes += size;
                continue;
            }

            var remaining = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero || !await WaitForItemAsync(remaining, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        return batch;
    }

    /// <summary>True when an item can be read before <paramref name="timeout"/>; false on timeout or completion.</summary>
    private async Task<bool> WaitForItemAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wait = _reader.WaitToReadAsync(cts.Token).AsTask();
        var delay = Task.Delay(timeout, _time, cts.Token);
        var first = await Task.WhenAny(wait, delay).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (first == wait)
        {
            return await wait.ConfigureAwait(false);
        }

        // The delay won; observe the cancelled wait so it does not surface as an unobserved exception.
        await wait.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        return false;
    }
}
