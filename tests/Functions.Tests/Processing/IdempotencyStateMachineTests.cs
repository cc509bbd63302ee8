namespace Functions.Tests.Processing;

/// <summary><see cref="IdempotencyStateMachine"/> as the in-memory store applies it, on a fake clock.</summary>
public sealed class IdempotencyStateMachineTests
{
    private static readonly IdempotencyKey Key = TestKeys.Of("ID:origin-1", "LEGACY.ORDERS");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryIdempotencyStore _store;

    public IdempotencyStateMachineTests() => _store = new InMemoryIdempotencyStore(new IdempotencyOptions { TimeToLive = TimeSpan.FromHours(1) }, _time);

    private DateTimeOffset Deadline => _time.GetUtcNow().AddMinutes(5);

    [Fact]
    public async Task TryBeginAsync_DeadLettered_SkippedAsDeadLetteredNotCompleted()
    {
        await _store.TryBeginAsync(Key, TestKeys.Claimant("req-1", Deadline), Ct);
        await _store.FinishAsync(Key, IdempotencyState.DeadLettered, Ct);

        Assert.Equal(IdempotencyClaim.AlreadyDeadLettered, await _store.TryBeginAsync(Key, TestKeys.Claimant("req-2", Deadline, redelivered: true), Ct));
        _time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(IdempotencyClaim.Started, await _store.TryBeginAsync(Key, TestKeys.Claimant("req-3", Deadline), Ct));
    }

    [Fact]
    public async Task TryBeginAsync_RedrivenCopyOfDeadLetter_Started()
    {
        await _store.TryBeginAsync(Key, TestKeys.Claimant("req-1", Deadline), Ct);
        await _store.FinishAsync(Key, IdempotencyState.DeadLettered, Ct);

        Assert.Equal(IdempotencyClaim.Started, await _store.TryBeginAsync(TestKeys.Of("ID:origin-1", "LEGACY.ORDERS", "1"), TestKeys.Claimant("req-2", Deadline), Ct));
        Assert.Equal(IdempotencyClaim.AlreadyDeadLettered, await _store.TryBeginAsync(Key, TestKeys.Claimant("req-2", Deadline), Ct));
    }

    [Fact]
    public async Task TryBeginAsync_CopiesOfOneSendInTwoQueues_BothStarted()
    {
        Assert.Equal(IdempotencyClaim.Started, await _store.TryBeginAsync(TestKeys.Of("ID:origin-1", "ORDERS.A"), TestKeys.Claimant("req-1", Deadline), Ct));
        await _store.FinishAsync(TestKeys.Of("ID:origin-1", "ORDERS.A"), IdempotencyState.Completed, Ct);

        Assert.Equal(IdempotencyClaim.Started, await _store.TryBeginAsync(TestKeys.Of("ID:origin-1", "ORDERS.B"), TestKeys.Claimant("req-1", Deadline), Ct));
    }

    [Theory]
    [InlineData("ID:1", true, 0, true)] // the broker redelivers the owner's own delivery: the owner let go of it
    [InlineData("ID:1", false, 0, false)] // not a redelivery: the owner may be handling it
    [InlineData("ID:9", true, 0, false)] // another copy of the key (a duplicate send) while the owner may be handling it
    [InlineData("ID:9", false, 5, true)] // the owner's deadline passed
    [InlineData("ID:9", false, 4, false)]
    public async Task TryBeginAsync_InProgressForAnotherRequest_TakenOverOnlyOnRedeliveryOrAfterDeadline(
        string deliveryId, bool redelivered, int minutesLater, bool takenOver)
    {
        await _store.TryBeginAsync(Key, TestKeys.Claimant("req-1", Deadline, "ID:1"), Ct);
        _time.Advance(TimeSpan.FromMinutes(minutesLater));

        Assert.Equal(takenOver ? IdempotencyClaim.Started : IdempotencyClaim.InProgress,
            await _store.TryBeginAsync(Key, TestKeys.Claimant("req-2", Deadline, deliveryId, redelivered), Ct));
    }

    [Fact]
    public async Task TryBeginAsync_SameRequestAgain_InProgress()
    {
        await _store.TryBeginAsync(Key, TestKeys.Claimant("req-1", Deadline), Ct);

        // A duplicate within one batch waits for the first copy's outcome (a retry of the batch).
        Assert.Equal(IdempotencyClaim.InProgress, await _store.TryBeginAsync(Key, TestKeys.Claimant("req-1", Deadline, redelivered: true), Ct));
    }

    [Fact]
    public async Task ReleaseAsync_ClaimTakenOver_KeepsNewOwnersClaim()
    {
        await _store.TryBeginAsync(Key, TestKeys.Claimant("req-1", Deadline), Ct);
        await _store.TryBeginAsync(Key, TestKeys.Claimant("req-2", Deadline, redelivered: true), Ct);

        await _store.ReleaseAsync(Key, "req-1", Ct);

        Assert.Equal(IdempotencyClaim.InProgress, await _store.TryBeginAsync(Key, TestKeys.Claimant("req-3", Deadline, "ID:9"), Ct));
    }

    [Fact]
    public void Finish_InProgress_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => IdempotencyStateMachine.Finish(IdempotencyState.InProgress, _time.GetUtcNow(), TimeSpan.FromHours(1)));

    [Theory]
    [InlineData(null, "0")]
    [InlineData("", "0")]
    [InlineData(" 2 ", "2")]
    [InlineData("007", "7")]
    [InlineData("-1", "-1")]
    [InlineData("many", "many")]
    public void ParseRedriveCount_Text_CanonicalCountOrTextAsIs(string? text, string expected) =>
        Assert.Equal(expected, IdempotencyKey.ParseRedriveCount(text));

    [Fact]
    public void Key_PartsContainingSeparators_NeverCollide()
    {
        var key = new IdempotencyKey("a/1:0", "x", "0");

        Assert.Equal("5:a/1:0/1:0/x", key.Value);
        Assert.NotEqual(key.Value, new IdempotencyKey("a", "1:0/x", "0").Value);
        Assert.Equal("x", key.LegacyValue);
        Assert.Null(new IdempotencyKey("a", "x", "1").LegacyValue);
    }
}
