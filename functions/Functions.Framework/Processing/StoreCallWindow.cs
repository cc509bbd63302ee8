using Functions.Framework.Idempotency;

namespace Functions.Framework.Processing;

/// <summary>
/// The idempotency store calls one invocation has in flight, so that a batch waits for few round trips of a remote
/// store while its handlers still run one by one, in order: claims taken ahead of the handlers, in parallel (at most
/// <see cref="MaxInFlight"/> messages ahead, each key once), and final outcomes being written (at most
/// <see cref="MaxInFlight"/>; past that the oldest is awaited), all awaited before the invocation answers. A batch of
/// 10 thus waits for two round trips, its claims and its last outcome, where one call after the other made 20. Not
/// thread-safe: the processor's one flow uses it.
/// </summary>
internal sealed class StoreCallWindow(IIdempotencyStore store, BatchRun run)
{
    /// <summary>
    /// The most claims taken ahead, and the most writes in flight: a batch of up to 100 (the template's default batch
    /// size) is claimed in one parallel round.
    /// </summary>
    public const int MaxInFlight = 100;

    // Claims by message index modulo the window: only messages [current, current + MaxInFlight) hold a slot.
    private readonly Task<IdempotencyClaim>?[] _claims = new Task<IdempotencyClaim>?[Math.Clamp(run.Batch.Messages.Count, 1, MaxInFlight)];
    private readonly HashSet<IdempotencyKey> _keysClaimedAhead = new(run.Batch.Messages.Count);
    private readonly Queue<Task> _writes = new();

    // The first message not yet considered for a claim ahead.
    private int _nextAhead;

    /// <summary>
    /// Claims the messages up to <see cref="MaxInFlight"/> from <paramref name="index"/> not claimed yet, without
    /// waiting. A message whose key an earlier message of the batch has is not claimed ahead: it is claimed at its
    /// turn, once the earlier one's outcome is written (<see cref="ClaimAsync"/>), as one call after the other did.
    /// </summary>
    public void ClaimAhead(int index, CancellationToken cancellationToken)
    {
        var messages = run.Batch.Messages;
        var end = Math.Min(messages.Count, index + MaxInFlight);
        for (; _nextAhead < end; _nextAhead++)
        {
            var message = messages[_nextAhead];
            if (_keysClaimedAhead.Add(message.Key))
            {
                _claims[_nextAhead % _claims.Length] = TryBeginAsync(message, cancellationToken);
            }
        }
    }

    /// <summary>The claim of message <paramref name="index"/>: the one taken ahead, else one taken now, after the writes in flight.</summary>
    public async ValueTask<IdempotencyClaim> ClaimAsync(int index, CancellationToken cancellationToken)
    {
        if (TakeClaimAheadAsync(index) is { } ahead)
        {
            return await ahead;
        }

        await DrainWritesAsync();
        return await TryBeginAsync(run.Batch.Messages[index], cancellationToken);
    }

    /// <summary>The claim taken ahead for message <paramref name="index"/>, once; null when none was.</summary>
    public Task<IdempotencyClaim>? TakeClaimAheadAsync(int index)
    {
        if (index >= _nextAhead)
        {
            return null;
        }

        var slot = index % _claims.Length;
        var claim = _claims[slot];
        _claims[slot] = null;
        return claim;
    }

    /// <summary>Keeps <paramref name="write"/> in flight; past <see cref="MaxInFlight"/>, waits for the oldest.</summary>
    public async ValueTask AddWriteAsync(Task write)
    {
        if (write.IsCompletedSuccessfully)
        {
            return;
        }

        _writes.Enqueue(write);
        while (_writes.Count > MaxInFlight)
        {
            await _writes.Dequeue();
        }
    }

    /// <summary>Waits for every write in flight.</summary>
    public async ValueTask DrainWritesAsync()
    {
        while (_writes.TryDequeue(out var write))
        {
            await write;
        }
    }

    // Async, so that a store throwing at once gives a failed claim, seen at the message's turn like any other failure.
    // A claim the store answers at once (the in-memory store) costs no task: the builder's cached one for Started.
    private async Task<IdempotencyClaim> TryBeginAsync(InboundMessage message, CancellationToken cancellationToken) =>
        await store.TryBeginAsync(message.Key, run.ClaimantFor(message), cancellationToken);
}
