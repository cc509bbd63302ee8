using Functions.Framework.Idempotency;

namespace Functions.Tests.Processing;

/// <summary>
/// A remote store stand-in: every call takes <c>delay</c> on <c>timeProvider</c> (a fake clock in tests, the real one in
/// scripts/bench-functions.sh, which links this file), then acts on <c>inner</c>. Counts the calls, the most in flight
/// at once, and the round trips waited one after the other: a call started after another finished counts one more
/// than it (its depth), a call started while the others were in flight shares their round. Thread-safe.
/// </summary>
internal sealed class DelayedIdempotencyStore(IIdempotencyStore inner, TimeSpan delay, TimeProvider timeProvider) : IIdempotencyStore
{
    private readonly Lock _lock = new();
    private int _inFlight;
    private int _finishedDepth;

    public int Calls { get; private set; }

    public int MaxInFlight { get; private set; }

    /// <summary>The longest chain of calls each started after the one before it finished.</summary>
    public int SequentialRoundTrips { get; private set; }

    public async ValueTask<IdempotencyClaim> TryBeginAsync(IdempotencyKey key, IdempotencyClaimant claimant, CancellationToken cancellationToken)
    {
        var depth = await RoundTripAsync(cancellationToken);
        var claim = await inner.TryBeginAsync(key, claimant, cancellationToken);
        Finished(depth);
        return claim;
    }

    public async ValueTask FinishAsync(IdempotencyKey key, IdempotencyState outcome, CancellationToken cancellationToken)
    {
        var depth = await RoundTripAsync(cancellationToken);
        await inner.FinishAsync(key, outcome, cancellationToken);
        Finished(depth);
    }

    public async ValueTask ReleaseAsync(IdempotencyKey key, string owner, CancellationToken cancellationToken)
    {
        var depth = await RoundTripAsync(cancellationToken);
        await inner.ReleaseAsync(key, owner, cancellationToken);
        Finished(depth);
    }

    private async Task<int> RoundTripAsync(CancellationToken cancellationToken)
    {
        int depth;
        lock (_lock)
        {
            Calls++;
            MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
            depth = _finishedDepth + 1;
        }

        await Task.Delay(delay, timeProvider, cancellationToken);
        return depth;
    }

    private void Finished(int depth)
    {
        lock (_lock)
        {
            _inFlight--;
            _finishedDepth = Math.Max(_finishedDepth, depth);
            SequentialRoundTrips = Math.Max(SequentialRoundTrips, depth);
        }
    }
}
