using Functions.Framework.Idempotency;
using Microsoft.Extensions.Time.Testing;

namespace Functions.Tests.Processing;

public sealed class InMemoryIdempotencyStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lifecycle_BeginCompleteRelease_Claims()
    {
        var store = new InMemoryIdempotencyStore(new IdempotencyOptions(), _time);
        var until = _time.GetUtcNow().AddMinutes(1);

        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync("a", until, _ct));
        Assert.Equal(IdempotencyClaim.InProgress, await store.TryBeginAsync("a", until, _ct));
        await store.ReleaseAsync("a", _ct);
        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync("a", until, _ct));
        await store.CompleteAsync("a", _ct);
        await store.ReleaseAsync("a", _ct);
        Assert.Equal(IdempotencyClaim.AlreadyCompleted, await store.TryBeginAsync("a", until, _ct));
    }

    [Fact]
    public async Task TryBeginAsync_CompletedKeyPastTimeToLive_StartsAgain()
    {
        var store = new InMemoryIdempotencyStore(new IdempotencyOptions { TimeToLive = TimeSpan.FromHours(1) }, _time);
        await store.TryBeginAsync("a", _time.GetUtcNow().AddMinutes(1), _ct);
        await store.CompleteAsync("a", _ct);

        _time.Advance(TimeSpan.FromMinutes(61));

        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync("a", _time.GetUtcNow().AddMinutes(1), _ct));
    }

    [Fact]
    public async Task Put_OverCapacity_ForgetsOldestFirst()
    {
        var store = new InMemoryIdempotencyStore(new IdempotencyOptions { InMemoryCapacity = 100 }, _time);
        for (var i = 0; i < 101; i++)
        {
            await store.TryBeginAsync($"k{i}", _time.GetUtcNow().AddMinutes(1), _ct);
            await store.CompleteAsync($"k{i}", _ct);
        }

        Assert.Equal(90, store.Count);
        Assert.Equal(IdempotencyClaim.AlreadyCompleted, await store.TryBeginAsync("k100", _time.GetUtcNow(), _ct));
        Assert.Equal(IdempotencyClaim.Started, await store.TryBeginAsync("k0", _time.GetUtcNow(), _ct));
    }
}
