namespace Functions.Tests.Processing;

public sealed class InMemoryIdempotencyStoreTests
{
    private static readonly IdempotencyKey A = TestKeys.Of("a");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    [Fact]
    public async Task Lifecycle_BeginCompleteRelease_Claims()
    {
        var store = new InMemoryIdempotencyStore(new IdempotencyOptions(), _time);
        var until = _time.GetUtcNow().AddMinutes(1);

        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync(A, TestKeys.Claimant("req-1", until), Ct));
        Assert.Equal(IdempotencyClaim.InProgress, await store.TryBeginAsync(A, TestKeys.Claimant("req-2", until), Ct));
        await store.ReleaseAsync(A, "req-1", Ct);
        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync(A, TestKeys.Claimant("req-2", until), Ct));
        await store.FinishAsync(A, IdempotencyState.Completed, Ct);
        await store.ReleaseAsync(A, "req-2", Ct);
        Assert.Equal(IdempotencyClaim.AlreadyCompleted, await store.TryBeginAsync(A, TestKeys.Claimant("req-3", until), Ct));
    }

    [Fact]
    public async Task TryBeginAsync_CompletedKeyPastTimeToLive_StartsAgain()
    {
        var store = new InMemoryIdempotencyStore(new IdempotencyOptions { TimeToLive = TimeSpan.FromHours(1) }, _time);
        await store.TryBeginAsync(A, TestKeys.Claimant("req-1", _time.GetUtcNow().AddMinutes(1)), Ct);
        await store.FinishAsync(A, IdempotencyState.Completed, Ct);

        _time.Advance(TimeSpan.FromMinutes(61));

        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync(A, TestKeys.Claimant("req-2", _time.GetUtcNow().AddMinutes(1)), Ct));
    }

    [Fact]
    public async Task Put_OverCapacity_ForgetsOldestFirst()
    {
        var store = new InMemoryIdempotencyStore(new IdempotencyOptions { InMemoryCapacity = 100 }, _time);
        for (var i = 0; i < 101; i++)
        {
            await store.TryBeginAsync(TestKeys.Of($"k{i}"), TestKeys.Claimant("req-1", _time.GetUtcNow().AddMinutes(1)), Ct);
            await store.FinishAsync(TestKeys.Of($"k{i}"), IdempotencyState.Completed, Ct);
        }

        Assert.Equal(90, store.Count);
        Assert.Equal(IdempotencyClaim.AlreadyCompleted, await store.TryBeginAsync(TestKeys.Of("k100"), TestKeys.Claimant("req-2", _time.GetUtcNow()), Ct));
        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync(TestKeys.Of("k0"), TestKeys.Claimant("req-2", _time.GetUtcNow()), Ct));
    }
}
