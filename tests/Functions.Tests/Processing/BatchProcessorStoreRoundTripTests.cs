namespace Functions.Tests.Processing;

/// <summary>
/// How many store round trips a batch waits for, on a store whose every call takes 10 ms of a fake clock: the clock
/// moves 10 ms at a time, and each step lets every call in flight finish (their continuations run inside
/// <see cref="FakeTimeProvider.Advance"/>), so the steps until the invocation answers are the round trips it waited.
/// </summary>
public sealed class BatchProcessorStoreRoundTripTests
{
    private static readonly TimeSpan RoundTrip = TimeSpan.FromMilliseconds(10);

    // The process dying in a handler, as the store sees it: that handler never returns, nothing after it runs.
    private static readonly Func<string, MessageContext, CancellationToken, ValueTask<HandlerResult>> HangsOnCrash = (text, _, _) =>
        text == "crash" ? new ValueTask<HandlerResult>(new TaskCompletionSource<HandlerResult>().Task) : ValueTask.FromResult(HandlerResult.Processed);

    [Fact]
    public async Task InvokeAsync_BatchOfTen_WaitsForTwoRoundTripsAndHandlesInOrder()
    {
        var harness = ProcessorHarness.ForText((_, _, _) => ValueTask.FromResult(HandlerResult.Processed), out var handler);
        var store = new DelayedIdempotencyStore(harness.Store, RoundTrip, harness.Time);
        var ids = Enumerable.Range(1, 10).Select(i => $"ID:{i}").ToArray();

        var (summary, rounds) = await InvokeInRoundsAsync(harness, store, TestEvents.ActiveMq([.. ids.Select(id => TestEvents.TextMessage(id, "x"))]));

        Assert.Equal(10, summary.Processed);
        Assert.Equal(2, rounds);
        Assert.Equal((20, 10, 2), (store.Calls, store.MaxInFlight, store.SequentialRoundTrips));
        Assert.Equal(ids, handler.Calls.Select(c => c.MessageId));
        foreach (var id in ids)
        {
            Assert.Equal(IdempotencyClaim.AlreadyCompleted, await harness.Store.TryBeginAsync(TestKeys.Of(id), TestKeys.Claimant("req-2", harness.Time.GetUtcNow().AddMinutes(1)), Ct));
        }
    }

    [Fact]
    public async Task InvokeAsync_HandlersAwaitWhileClaimsAndCompletionsInFlight_RunOneByOneInOrder()
    {
        var running = 0;
        var maxRunning = 0;
        var harness = ProcessorHarness.ForText(async (_, _, _) =>
        {
            maxRunning = Math.Max(maxRunning, Interlocked.Increment(ref running));
            await Task.Delay(1, Ct);
            Interlocked.Decrement(ref running);
            return HandlerResult.Processed;
        }, out var handler);
        // The real clock: the store's calls and the handlers interleave as they would against DynamoDB.
        var store = new DelayedIdempotencyStore(harness.Store, TimeSpan.FromMilliseconds(2), TimeProvider.System);
        var ids = Enumerable.Range(1, 10).Select(i => $"ID:{i}").ToArray();

        var summary = await InvokeAsync(harness.ProcessorWith(store), harness.NewContext(), TestEvents.ActiveMq([.. ids.Select(id => TestEvents.TextMessage(id, "x"))]));

        Assert.Equal(10, summary.Processed);
        Assert.Equal(ids, handler.Calls.Select(c => c.MessageId));
        Assert.Equal(1, maxRunning);
    }

    [Fact]
    public async Task InvokeAsync_SameKeyTwiceInBatch_SecondClaimedAfterFirstCompletedAndSkipped()
    {
        var harness = ProcessorHarness.ForText((_, _, _) => ValueTask.FromResult(HandlerResult.Processed), out var handler);
        var store = new DelayedIdempotencyStore(harness.Store, RoundTrip, harness.Time);
        var origin = new Dictionary<string, string> { [ProvenanceProperties.OriginId] = "ID:onprem-1" };

        var (summary, rounds) = await InvokeInRoundsAsync(harness, store, TestEvents.ActiveMq(
            TestEvents.TextMessage("ID:1", "x", origin), TestEvents.TextMessage("ID:2", "y"), TestEvents.TextMessage("ID:3", "x", origin)));

        // As one call after the other: the copy is skipped, not retried as "in progress" against its own batch.
        Assert.Equal((2, 1, 0), (summary.Processed, summary.Skipped, summary.Retry));
        Assert.Equal(["ID:1", "ID:2"], handler.Calls.Select(c => c.MessageId));
        // Claims of ID:1 and ID:2; their completions; the claim of ID:3.
        Assert.Equal(3, rounds);
    }

    [Fact]
    public async Task InvokeAsync_RedeliveryAfterCrashMidBatch_TakesClaimsTakenAheadOverAtOnce()
    {
        var harness = ProcessorHarness.ForText(HangsOnCrash, out var handler);
        var batch = (bool redelivered) => TestEvents.ActiveMq(
            TestEvents.TextMessage("ID:1", "ok", redelivered: redelivered), TestEvents.TextMessage("ID:2", "crash", redelivered: redelivered),
            TestEvents.TextMessage("ID:3", "ok", redelivered: redelivered));

        // The process dies in ID:2's handler: ID:1 is completed, ID:2 and ID:3 (claimed ahead) stay in progress.
        var crashed = harness.Processor.InvokeAsync(batch(false), harness.NewContext("req-crashed"), Ct);
        Assert.False(crashed.IsCompleted);
        var until = harness.Time.GetUtcNow().AddMinutes(1);
        Assert.Equal(IdempotencyClaim.InProgress, await harness.Store.TryBeginAsync(TestKeys.Of("ID:3"), TestKeys.Claimant("req-x", until, "ID:other"), Ct));

        var harnessAfter = ProcessorHarness.ForText((_, _, _) => ValueTask.FromResult(HandlerResult.Processed), out var handlerAfter);
        var processor = harnessAfter.ProcessorWith(harness.Store);
        var summary = await InvokeAsync(processor, harness.NewContext("req-2"), batch(true));

        Assert.Equal((2, 1, 0), (summary.Processed, summary.Skipped, summary.Retry));
        Assert.Equal(["ID:2", "ID:3"], handlerAfter.Calls.Select(c => c.MessageId));
        Assert.Equal(2, handler.Calls.Count);
    }

    [Fact]
    public async Task InvokeAsync_OtherDeliveryAfterCrashMidBatch_RetriedUntilCrashedDeadlineThenProcessed()
    {
        var harness = ProcessorHarness.ForText(HangsOnCrash, out _);
        var origin = new Dictionary<string, string> { [ProvenanceProperties.OriginId] = "ID:onprem-3" };
        var crashed = harness.Processor.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:1", "crash"), TestEvents.TextMessage("ID:2", "ok", origin)),
            harness.NewContext("req-crashed"), Ct);
        Assert.False(crashed.IsCompleted);
        // A second send of ID:2's message: another delivery of its key, which the crashed invocation claimed ahead.
        var duplicate = TestEvents.ActiveMq(TestEvents.TextMessage("ID:9", "ok", origin));

        var (_, before, _) = await harness.InvokeAsync(duplicate, "req-2");
        harness.Time.Advance(harness.Timeout);
        var (after, _, _) = await harness.InvokeAsync(duplicate, "req-3");

        Assert.NotNull(before);
        Assert.Contains("another invocation is handling this message now", before.Message, StringComparison.Ordinal);
        Assert.Equal(1, after!.Processed);
    }

    private static async Task<(BatchSummary Summary, int Rounds)> InvokeInRoundsAsync(ProcessorHarness harness, DelayedIdempotencyStore store, byte[] payload)
    {
        var invocation = InvokeAsync(harness.ProcessorWith(store), harness.NewContext(), payload);
        var rounds = 0;
        while (!invocation.IsCompleted && rounds < 100)
        {
            harness.Time.Advance(RoundTrip);
            rounds++;
        }

        return (await invocation, rounds);
    }

    private static async Task<BatchSummary> InvokeAsync(BatchProcessor processor, TestLambdaContext context, byte[] payload)
    {
        var response = await processor.InvokeAsync(payload, context, Ct);
        return JsonSerializer.Deserialize(response.Span, FunctionsJsonContext.Default.BatchSummary)!;
    }
}
