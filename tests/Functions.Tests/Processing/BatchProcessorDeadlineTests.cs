namespace Functions.Tests.Processing;

public sealed class BatchProcessorDeadlineTests
{
    [Fact]
    public async Task InvokeAsync_TimeRunsShort_StopsTakingMessagesAndFailsBatchCleanly()
    {
        ProcessorHarness harness = null!;
        harness = ProcessorHarness.ForText((_, _, _) =>
        {
            harness.Time.Advance(TimeSpan.FromSeconds(4)); // each message takes 4 s of a 10 s invocation
            return ValueTask.FromResult(HandlerResult.Processed);
        }, out var handler, timeout: TimeSpan.FromSeconds(10), safetyMargin: TimeSpan.FromSeconds(2));

        var (_, error, context) = await harness.InvokeAsync(TestEvents.ActiveMq(
            TestEvents.TextMessage("ID:1", "a"), TestEvents.TextMessage("ID:2", "b"), TestEvents.TextMessage("ID:3", "c"), TestEvents.TextMessage("ID:4", "d")));

        // Stop at 10 - 2 = 8 s: two messages fit, the other two are not started.
        Assert.Equal(2, handler.Calls.Count);
        Assert.NotNull(error);
        Assert.Contains("2 of 4 messages must be retried", error.Message, StringComparison.Ordinal);
        var retries = context.Lines(2004);
        Assert.Equal(2, retries.Count);
        Assert.Contains("not started: 2000 ms left before the deadline, within the 2000 ms safety margin", retries[0], StringComparison.Ordinal);

        // The untouched ones are not claimed: the redelivery handles them at once.
        var (summary, _, _) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:3", "c"), TestEvents.TextMessage("ID:4", "d")), "req-2");
        Assert.Equal(0, summary!.Retry);
    }

    [Fact]
    public async Task InvokeAsync_ShortTimeout_MarginCappedAtQuarterOfTimeLeft()
    {
        var harness = ProcessorHarness.ForText((_, _, _) => ValueTask.FromResult(HandlerResult.Processed), out var handler,
            timeout: TimeSpan.FromSeconds(2), safetyMargin: TimeSpan.FromSeconds(3));

        var (summary, _, _) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:1", "a")));

        Assert.Equal(1, summary!.Processed);
    }

    [Fact]
    public async Task InvokeAsync_HandlerCancelledAtSafetyMargin_RetriesAndReleasesMessage()
    {
        ProcessorHarness harness = null!;
        harness = ProcessorHarness.ForText(async (text, _, ct) =>
        {
            if (text == "slow")
            {
                harness.Time.Advance(TimeSpan.FromSeconds(9));
                ct.ThrowIfCancellationRequested();
            }

            await Task.Yield();
            return HandlerResult.Processed;
        }, out _, timeout: TimeSpan.FromSeconds(10), safetyMargin: TimeSpan.FromSeconds(2));

        var (_, error, context) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:1", "slow")));

        Assert.NotNull(error);
        Assert.Contains("the handler was cancelled: the invocation's deadline is near", Assert.Single(context.Lines(2004)), StringComparison.Ordinal);
        Assert.Equal(Functions.Framework.Idempotency.IdempotencyClaim.Started,
            await harness.Store.TryBeginAsync(TestKeys.Of("ID:1"), TestKeys.Claimant("req-2", harness.Time.GetUtcNow().AddMinutes(1)), Ct));
    }
}
