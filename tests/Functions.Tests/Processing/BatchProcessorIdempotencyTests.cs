namespace Functions.Tests.Processing;

public sealed class BatchProcessorIdempotencyTests
{
    [Fact]
    public async Task InvokeAsync_RedeliveredBatch_SkipsProcessedAndDeadLetteredAndRetriesTheRest()
    {
        var failOnce = true;
        var harness = ProcessorHarness.ForText((text, _, _) => text switch
        {
            "poison" => ValueTask.FromResult(HandlerResult.Poison("bad")),
            "flaky" when failOnce => throw new IOException("disk busy"),
            _ => ValueTask.FromResult(HandlerResult.Processed),
        }, out var handler);
        var payload = TestEvents.ActiveMq(
            TestEvents.TextMessage("ID:1", "ok"), TestEvents.TextMessage("ID:2", "poison"), TestEvents.TextMessage("ID:3", "flaky"));

        var (_, first, _) = await harness.InvokeAsync(payload);
        Assert.NotNull(first);

        failOnce = false;
        var (summary, second, context) = await harness.InvokeAsync(payload, "req-2");

        Assert.Null(second);
        Assert.Equal((3, 1, 2, 0, 0), (summary!.Total, summary.Processed, summary.Skipped, summary.DeadLettered, summary.Retry));
        Assert.Equal(4, handler.Calls.Count);
        Assert.Single(harness.Sink.Sent);
        // The dead-lettered message is skipped without a second dead letter, and is not reported as processed.
        Assert.Equal(["Message ID:1 (original ID:1): already processed by an earlier delivery, skipped"], context.Lines(2002));
        Assert.Equal(
            ["Message ID:2 (original ID:2): already dead-lettered by an earlier delivery (key 6:orders/1:0/ID:2), skipped without a second dead letter"],
            context.Lines(4100));
    }

    [Fact]
    public async Task InvokeAsync_SameOriginIdViaAnotherBrokerHop_IsSkipped()
    {
        var harness = ProcessorHarness.ForText((_, _, _) => ValueTask.FromResult(HandlerResult.Processed), out var handler);
        var origin = new Dictionary<string, string> { [ProvenanceProperties.OriginId] = "ID:onprem-1" };

        await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:cloud-1", "x", origin)));
        var (summary, _, _) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:cloud-2", "x", origin)), "req-2");

        Assert.Equal(1, summary!.Skipped);
        Assert.Single(handler.Calls);
    }

    [Fact]
    public async Task InvokeAsync_MessageInProgressElsewhere_RetriesIt()
    {
        var harness = ProcessorHarness.ForText((_, _, _) => ValueTask.FromResult(HandlerResult.Processed), out var handler);
        await harness.Store.TryBeginAsync(TestKeys.Of("ID:1"), TestKeys.Claimant("req-other", harness.Time.GetUtcNow().AddMinutes(1)), Ct);

        var (_, error, _) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:1", "x")));

        Assert.NotNull(error);
        Assert.Contains("another invocation is handling this message now", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Calls);
    }

    [Fact]
    public async Task InvokeAsync_ClaimOfCrashedInvocationLapsed_ProcessesMessage()
    {
        var harness = ProcessorHarness.ForText((_, _, _) => ValueTask.FromResult(HandlerResult.Processed), out var handler);
        await harness.Store.TryBeginAsync(TestKeys.Of("ID:1"), TestKeys.Claimant("req-other", harness.Time.GetUtcNow().AddMinutes(1)), Ct);
        harness.Time.Advance(TimeSpan.FromMinutes(2));

        var (summary, _, _) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:1", "x")));

        Assert.Equal(1, summary!.Processed);
        Assert.Single(handler.Calls);
    }

    [Fact]
    public async Task InvokeAsync_StoreFails_RetriesWithoutCallingHandler()
    {
        var harness = ProcessorHarness.ForText((_, _, _) => ValueTask.FromResult(HandlerResult.Processed), out var handler);
        var processor = harness.ProcessorWith(new FailingStore());

        var context = harness.NewContext();
        var error = await Assert.ThrowsAsync<FunctionErrorException>(() =>
            processor.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:1", "x")), context, Ct));

        Assert.Contains("the idempotency store failed: HttpRequestException: table unreachable", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Calls);
    }

    private sealed class FailingStore : IIdempotencyStore
    {
        public ValueTask<IdempotencyClaim> TryBeginAsync(IdempotencyKey key, IdempotencyClaimant claimant, CancellationToken cancellationToken) =>
            throw new HttpRequestException("table unreachable");

        public ValueTask FinishAsync(IdempotencyKey key, IdempotencyState outcome, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask ReleaseAsync(IdempotencyKey key, string owner, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
