namespace Functions.Tests.Processing;

/// <summary>The processor with the idempotency key of origin queue, origin id and redrive count.</summary>
public sealed class BatchProcessorIdempotencyKeyTests
{
    [Fact]
    public async Task InvokeAsync_CopiesOfOneSendInTwoQueues_BothProcessed()
    {
        var harness = ProcessorHarness.ForText((_, _, _) => ValueTask.FromResult(HandlerResult.Processed), out var handler);

        var (first, _, _) = await harness.InvokeAsync(TestEvents.ActiveMq(
            TestEvents.TextMessage("ID:cloud-1", "x", Provenance("ORDERS.A")), TestEvents.TextMessage("ID:cloud-2", "x", Provenance("ORDERS.B"))));
        var (again, _, _) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:cloud-3", "x", Provenance("ORDERS.B"))), "req-2");

        Assert.Equal(2, first!.Processed);
        Assert.Equal(1, again!.Skipped);
        Assert.Equal(2, handler.Calls.Count);
    }

    [Fact]
    public async Task InvokeAsync_DeadLetteredThenBatchRedeliveredThenRedriven_OneDeadLetterPerCopyAndRedriveProcessed()
    {
        // Poison until an operator fixed what it needed and redrove it.
        var harness = ProcessorHarness.ForText((_, context, _) => ValueTask.FromResult(
            context.Properties.ContainsKey(ProvenanceProperties.RedriveCount) ? HandlerResult.Processed : HandlerResult.Poison("bad")), out var handler);
        var (deadLettered, _, _) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:cloud-1", "bad", Provenance("ORDERS"))));
        var (redelivered, _, context) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:cloud-1", "bad", Provenance("ORDERS"), redelivered: true)), "req-2");
        var (redrive, _, _) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:cloud-9", "bad",
            new Dictionary<string, string>(Provenance("ORDERS")) { [ProvenanceProperties.RedriveCount] = "1" })), "req-3");

        Assert.Equal(1, deadLettered!.DeadLettered);
        Assert.Equal((1, 0), (redelivered!.Skipped, redelivered.DeadLettered));
        Assert.Single(context.Lines(4100));
        Assert.Equal(1, redrive!.Processed);
        Assert.Single(harness.Sink.Sent);
        Assert.Equal(2, handler.Calls.Count);
    }

    [Fact]
    public async Task InvokeAsync_OwnerCrashedAndBrokerRedelivers_TakesOverBeforeOwnersDeadline()
    {
        var harness = ProcessorHarness.ForText((_, _, _) => ValueTask.FromResult(HandlerResult.Processed), out var handler);
        // The bootstrap died mid-batch: its claim would hold until its deadline, longer than the broker's redeliveries last.
        await harness.Store.TryBeginAsync(TestKeys.Of("ID:1"), TestKeys.Claimant("req-crashed", harness.Time.GetUtcNow().AddMinutes(15)), Ct);

        var (summary, _, _) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:1", "x", redelivered: true)), "req-2");

        Assert.Equal(1, summary!.Processed);
        Assert.Single(handler.Calls);
    }

    [Fact]
    public async Task InvokeAsync_CompletionWriteFailsTwice_RetriedAndRecorded()
    {
        var harness = ProcessorHarness.ForText((_, _, _) => ValueTask.FromResult(HandlerResult.Processed), out _);
        var store = new FlakyFinishStore(harness.Store, failures: 2);
        var processor = harness.ProcessorWith(store);
        var context = harness.NewContext();

        var invocation = processor.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:1", "x")), context, Ct);
        while (!invocation.IsCompleted)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(1)); // the retry's back-off runs on the fake clock
            await Task.Delay(10, Ct);
        }

        await invocation;
        Assert.Equal(2, context.Lines(4101).Count);
        Assert.Equal(3, store.FinishCalls);
        Assert.Equal(IdempotencyClaim.AlreadyCompleted,
            await harness.Store.TryBeginAsync(TestKeys.Of("ID:1"), TestKeys.Claimant("req-2", harness.Time.GetUtcNow().AddMinutes(1)), Ct));
    }

    private static Dictionary<string, string> Provenance(string originQueue) => new()
    {
        [ProvenanceProperties.OriginId] = "ID:onprem-1",
        [ProvenanceProperties.OriginQueue] = originQueue,
    };

    private sealed class FlakyFinishStore(IIdempotencyStore inner, int failures) : IIdempotencyStore
    {
        public int FinishCalls { get; private set; }

        public ValueTask<IdempotencyClaim> TryBeginAsync(IdempotencyKey key, IdempotencyClaimant claimant, CancellationToken cancellationToken) =>
            inner.TryBeginAsync(key, claimant, cancellationToken);

        public ValueTask FinishAsync(IdempotencyKey key, IdempotencyState outcome, CancellationToken cancellationToken) =>
            ++FinishCalls <= failures ? throw new HttpRequestException("table unreachable") : inner.FinishAsync(key, outcome, cancellationToken);

        public ValueTask ReleaseAsync(IdempotencyKey key, string owner, CancellationToken cancellationToken) =>
            inner.ReleaseAsync(key, owner, cancellationToken);
    }
}
