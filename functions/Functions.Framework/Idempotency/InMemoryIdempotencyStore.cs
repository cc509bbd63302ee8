namespace Functions.Framework.Idempotency;

/// <summary>
/// Keys in memory: they survive between invocations of one execution environment, not across environments or cold
/// starts (use <see cref="DynamoDbIdempotencyStore"/> for that). Bounded: when full, expired keys and then the
/// oldest are forgotten. Thread-safe.
/// </summary>
internal sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<string> _insertionOrder = new();
    private readonly Lock _lock = new();
    private readonly IdempotencyOptions _options;
    private readonly TimeProvider _timeProvider;

    public InMemoryIdempotencyStore(IdempotencyOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.InMemoryCapacity, 1);
        _options = options;
        _timeProvider = timeProvider;
    }

    internal int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public ValueTask<IdempotencyClaim> TryBeginAsync(string key, DateTimeOffset inProgressUntil, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now)
            {
                if (entry.Completed)
                {
                    return ValueTask.FromResult(IdempotencyClaim.AlreadyCompleted);
                }

                if (entry.InProgressUntil > now)
                {
                    return ValueTask.FromResult(IdempotencyClaim.InProgress);
                }
            }

            Put(key, new Entry(Completed: false, inProgressUntil.UtcTicks, now + _options.TimeToLive.Ticks), now);
            return ValueTask.FromResult(IdempotencyClaim.Started);
        }
    }

    public ValueTask CompleteAsync(string key, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        lock (_lock)
        {
            Put(key, new Entry(Completed: true, now, now + _options.TimeToLive.Ticks), now);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry) && !entry.Completed)
            {
                _entries.Remove(key);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Put(string key, Entry entry, long now)
    {
        if (_entries.TryAdd(key, entry))
        {
            _insertionOrder.Enqueue(key);
            if (_entries.Count > _options.InMemoryCapacity)
            {
                Evict(now);
            }
        }
        else
        {
            _entries[key] = entry;
        }
    }

    private void Evict(long now)
    {
        // Forget the oldest tenth in one go, so that a full store does not pay for an eviction on every insert.
        var target = _options.InMemoryCapacity - Math.Max(1, _options.InMemoryCapacity / 10);
        while (_entries.Count > target && _insertionOrder.TryDequeue(out var oldest))
        {
            _entries.Remove(oldest);
        }

        if (_insertionOrder.Count > 2 * _options.InMemoryCapacity)
        {
            // Keys removed by Release leave stale names in the queue; rebuild it from the live keys now and then.
            _insertionOrder.Clear();
            foreach (var (key, entry) in _entries.ToArray())
            {
                if (entry.ExpiresAt > now)
                {
                    _insertionOrder.Enqueue(key);
                }
                else
                {
                    _entries.Remove(key);
                }
            }
        }
    }

    /// <summary>Times in UTC ticks: half the size of two DateTimeOffsets, for a store of 100,000 keys.</summary>
    private readonly record struct Entry(bool Completed, long InProgressUntil, long ExpiresAt);
}
