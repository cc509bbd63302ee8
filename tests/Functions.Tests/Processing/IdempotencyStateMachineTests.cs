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

    [Theory]
    [InlineData("0:COMPLETED", "1", nameof(IdempotencyClaim.AlreadyCompleted))] // a valid message of a batch the broker dead-lettered whole
    [InlineData("0:COMPLETED", "2", nameof(IdempotencyClaim.AlreadyCompleted))] // count 1 never seen: every earlier count is read
    [InlineData("0:COMPLETED 1:DEADLETTERED", "2", nameof(IdempotencyClaim.AlreadyCompleted))] // completed under any earlier count
    [InlineData("0:DEADLETTERED", "1", nameof(IdempotencyClaim.Started))] // the redriven dead letter itself
    [InlineData("0:DEADLETTERED 1:DEADLETTERED", "2", nameof(IdempotencyClaim.Started))]
    [InlineData("", "3", nameof(IdempotencyClaim.Started))] // no earlier record (each failed delivery released its claim)
    [InlineData("0:INPROGRESS", "1", nameof(IdempotencyClaim.InProgress))] // its dead letter is being recorded right now: later
    [InlineData("0:INPROGRESS 1:COMPLETED", "2", nameof(IdempotencyClaim.AlreadyCompleted))]
    [InlineData("0:COMPLETED", "many", nameof(IdempotencyClaim.Started))] // not a count: no earlier key to read
    [InlineData("1:COMPLETED", "1", nameof(IdempotencyClaim.AlreadyCompleted))] // its own record, as ever
    public async Task TryBeginAsync_RedrivenCopy_SkippedWhenCompletedUnderAnEarlierCount(string earlier, string redriveCount, string expected)
    {
        foreach (var record in earlier.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (count, state) = (record.Split(':')[0], record.Split(':')[1]);
            var key = TestKeys.Of("ID:origin-1", "LEGACY.ORDERS", count);
            await _store.TryBeginAsync(key, TestKeys.Claimant("req-" + count, Deadline), Ct);
            if (state != "INPROGRESS")
            {
                await _store.FinishAsync(key, state == "COMPLETED" ? IdempotencyState.Completed : IdempotencyState.DeadLettered, Ct);
            }
        }

        Assert.Equal(expected, (await _store.TryBeginAsync(TestKeys.Of("ID:origin-1", "LEGACY.ORDERS", redriveCount), TestKeys.Claimant("req-redriven", Deadline, "ID:2"), Ct)).ToString());
    }

    [Theory]
    [InlineData(61, nameof(IdempotencyClaim.Started))] // the completed record expired: the key is new
    [InlineData(59, nameof(IdempotencyClaim.AlreadyCompleted))]
    public async Task TryBeginAsync_RedrivenCopyCompletedEarlier_SkippedUntilThatRecordExpires(int minutesLater, string expected)
    {
        await _store.TryBeginAsync(Key, TestKeys.Claimant("req-1", Deadline), Ct);
        await _store.FinishAsync(Key, IdempotencyState.Completed, Ct);
        _time.Advance(TimeSpan.FromMinutes(minutesLater));

        Assert.Equal(expected, (await _store.TryBeginAsync(TestKeys.Of("ID:origin-1", "LEGACY.ORDERS", "1"), TestKeys.Claimant("req-2", Deadline), Ct)).ToString());
    }

    [Fact]
    public async Task TryBeginAsync_RedrivenCopyWhileEarlierOwnerDead_Started()
    {
        await _store.TryBeginAsync(Key, TestKeys.Claimant("req-1", Deadline), Ct);
        _time.Advance(TimeSpan.FromMinutes(6)); // the earlier claim's owner is past its deadline (crashed)

        Assert.Equal(IdempotencyClaim.Started, await _store.TryBeginAsync(TestKeys.Of("ID:origin-1", "LEGACY.ORDERS", "1"), TestKeys.Claimant("req-2", Deadline), Ct));
    }

    [Theory]
    [InlineData("0", "")]
    [InlineData("1", "0")]
    [InlineData("3", "2 1 0")]
    [InlineData("many", "")]
    [InlineData("-1", "")]
    public void EarlierKeys_RedriveCount_EveryEarlierCountNewestFirst(string redriveCount, string expected) =>
        Assert.Equal(expected, string.Join(' ', new IdempotencyKey("q", "x", redriveCount).EarlierKeys().Select(k => k.RedriveCount)));

    [Fact]
    public void EarlierKeys_ForgedHugeCount_OnlyTheNewestHundred()
    {
        var earlier = new IdempotencyKey("q", "x", "2000000000").EarlierKeys();

        Assert.Equal(IdempotencyKey.MaxEarlierKeys, earlier.Count);
        Assert.Equal(("1999999999", "1999999900"), (earlier[0].RedriveCount, earlier[^1].RedriveCount));
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
