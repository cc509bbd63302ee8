namespace Functions.Tests.Processing;

public sealed class InMemoryIdempotencyStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    [Fact]
    public async Task Lifecycle_BeginCompleteRelease_Claims()
    {
        var store = new InMemoryIdempotencyStore(new IdempotencyOptions(), _time);
        var until = _time.GetUtcNow().AddMinutes(1);

        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync("a", until, Ct));
        Assert.Equal(IdempotencyClaim.InProgress, await store.TryBeginAsync("a", until, Ct));
        await store.ReleaseAsync("a", Ct);
        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync("a", until, Ct));
        await store.CompleteAsync("a", Ct);
        await store.ReleaseAsync("a", Ct);
        Assert.Equal(IdempotencyClaim.AlreadyCompleted, await store.TryBeginAsync("a", until, Ct));
    }

    [Fact]
    public async Task TryBeginAsync_CompletedKeyPastTimeToLive_StartsAgain()
    {
        var store = new InMemoryIdempotencyStore(new IdempotencyOptions { TimeToLive = TimeSpan.FromHours(1) }, _time);
        await store.TryBeginAsync("a", _time.GetUtcNow().AddMinutes(1), Ct);
        await store.CompleteAsync("a", Ct);

        _time.Advance(TimeSpan.FromMinutes(61));

        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync("a", _time.GetUtcNow().AddMinutes(1), Ct));
    }

    [Fact]
    public async Task Put_OverCapacity_ForgetsOldestFirst()
    {
        var store = new InMemoryIdempotencyStore(new IdempotencyOptions { InMemoryCapacity = 100 }, _time);
        for (var i = 0; i < 101; i++)
        {
            await store.TryBeginAsync($"k{i}", _time.GetUtcNow().AddMinutes(1), Ct);
            await store.CompleteAsync($"k{i}", Ct);
        }

        Assert.Equal(90, store.Count);
        Assert.Equal(IdempotencyClaim.AlreadyCompleted, await store.TryBeginAsync("k100", _time.GetUtcNow(), Ct));
        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync("k0", _time.GetUtcNow(), Ct));
    }
}
