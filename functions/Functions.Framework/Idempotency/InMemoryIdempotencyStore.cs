using System.Runtime.InteropServices;

namespace Functions.Framework.Idempotency;

/// <summary>
/// Keys in memory: they survive between invocations of one execution environment, not across environments or cold
/// starts (use <see cref="DynamoDbIdempotencyStore"/> for that). Bounded: when full, expired keys and then the
/// oldest are forgotten. Thread-safe.
/// </summary>
internal sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    // Keyed by the key itself (compared by its parts), so that no key text is built for memory.
    private readonly Dictionary<IdempotencyKey, IdempotencyRecord> _entries = [];
    private readonly Queue<IdempotencyKey> _insertionOrder = new();
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

    public ValueTask<IdempotencyClaim> TryBeginAsync(IdempotencyKey key, IdempotencyClaimant claimant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _timeProvider.GetUtcNow();
        // A redriven message also reads its keys under the earlier counts; the others read none (no allocation).
        var earlierKeys = key.EarlierKeys();
        lock (_lock)
        {
            IdempotencyRecord?[] earlier = earlierKeys.Count == 0 ? [] : [.. earlierKeys.Select(Get)];
            var (claim, write) = IdempotencyStateMachine.Claim(Get(key), claimant, now, _options.TimeToLive, earlier);
            if (write is { } record)
            {
                Put(key, record, now);
            }

            return ValueTask.FromResult(claim);
        }
    }

    public ValueTask FinishAsync(IdempotencyKey key, IdempotencyState outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _timeProvider.GetUtcNow();
        var record = IdempotencyStateMachine.Finish(outcome, now, _options.TimeToLive);
        lock (_lock)
        {
            Put(key, record, now);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseAsync(IdempotencyKey key, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            if (IdempotencyStateMachine.CanRelease(Get(key), owner))
            {
                _entries.Remove(key);
            }
        }

        return ValueTask.CompletedTask;
    }

    // No legacy key is read: memory does not survive the deployment that changed the key format.
    private IdempotencyRecord? Get(IdempotencyKey key) => _entries.TryGetValue(key, out var record) ? record : null;

    private void Put(IdempotencyKey key, IdempotencyRecord entry, DateTimeOffset now)
    {
        // One lookup for both cases: a claim and its outcome write the same key twice per message.
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, key, out var existed);
        slot = entry;
        if (!existed)
        {
            _insertionOrder.Enqueue(key);
            if (_entries.Count > _options.InMemoryCapacity)
            {
                Evict(now);
            }
        }
    }

    private void Evict(DateTimeOffset now)
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
}
