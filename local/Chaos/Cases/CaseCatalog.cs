namespace LocalChaos.Cases;

/// <summary>
/// Every case of the fault suite (README.md, "Fault suite"), with its quick (CI) and full sizes. Network faults go
/// through a <see cref="Harness.Faults.FaultProxy"/>; kills go to the pids the pipeline started.
/// </summary>
internal static class CaseCatalog
{
    public static IReadOnlyList<ChaosCase> All { get; } =
    [
        new("stock-onprem", "none: Debian's stock on-prem broker (no xstream/jettison jars, no per-queue DLQ, no processNonPersistent)")
        {
            Configure = o => o with { OnPremBroker = new() { StockConfiguration = true, WithoutJars = true } },
        },
        new("forwarder-sigkill", "the forwarder killed with SIGKILL and restarted, evenly while the producer sends (quick 3 during 200, full 20 during 20,000)")
        {
            QuickMessages = 200,
            FullMessages = 20_000,
            Inject = (f, ct) => RepeatAsync(f, f.Quick ? 3 : 20, async () =>
            {
                await f.Stages.Forwarder.CrashAsync(ct).ConfigureAwait(false);
                await f.Stages.Forwarder.StartAgainAsync(ct).ConfigureAwait(false);
            }, ct),
        },
        new("onprem-restart", "the on-prem broker restarted mid-flow (the producer uses failover:, sends persistent: a non-persistent message does not survive a restart by JMS's definition)")
        {
            Configure = o => o with { ProducerFailover = true, NonPersistentEvery = 0 },
            Inject = (f, ct) => RepeatAsync(f, 1, () => f.Stages.OnPrem.RestartAsync(ct), ct),
        },
        new("cloud-restart", "the cloud broker restarted mid-flow (forwarded copies must be persistent to survive it)")
        {
            Inject = (f, ct) => RepeatAsync(f, 1, () => f.Stages.Cloud.RestartAsync(ct), ct),
        },
        new("cloud-unreachable", "the cloud broker unreachable from the forwarder through the fault proxy (quick 10 s, full 60 s)")
        {
            Proxy = ProxyPlace.Cloud,
            Inject = (f, ct) => RepeatAsync(f, 1, () => f.Proxy.CutForAsync(TimeSpan.FromSeconds(f.Quick ? 10 : 60), ct), ct),
        },
        new("sqs-unreachable", "SQS (moto) unreachable from the function during batches with poison messages (quick 5 s, full 30 s)")
        {
            Proxy = ProxyPlace.Sqs,
            Inject = (f, ct) => RepeatAsync(f, 1, () => f.Proxy.CutForAsync(TimeSpan.FromSeconds(f.Quick ? 5 : 30), ct), ct),
        },
        new("dynamodb-unreachable", "DynamoDB (moto, the idempotency table) unreachable from the function during batches (quick 5 s, full 30 s)")
        {
            Proxy = ProxyPlace.DynamoDb,
            Inject = (f, ct) => RepeatAsync(f, 1, () => f.Proxy.CutForAsync(TimeSpan.FromSeconds(f.Quick ? 5 : 30), ct), ct),
        },
        new("bootstrap-sigkill", "every running bootstrap killed with SIGKILL mid-batch (quick 3 times, full 10)")
        {
            FullMessages = 2_000,
            Inject = (f, ct) => RepeatAsync(f, f.Quick ? 3 : 10, async () =>
            {
                // Right after a batch was handed over: the kill lands while the function works on it.
                await f.WhenInvokedAfterAsync(f.Invocations, ct).ConfigureAwait(false);
                await Task.Delay(20, ct).ConfigureAwait(false);
                f.Stages.EventSource.CrashFunctions();
            }, ct),
        },
        .. InputCases.All,
    ];

    /// <summary>The cases of a run: the named ones, or else all (the quick subset with <paramref name="quick"/>).</summary>
    public static IReadOnlyList<ChaosCase> Select(IReadOnlyList<string> names, bool quick) =>
        names.Count > 0 ? [.. All.Where(c => names.Contains(c.Name))] : [.. All.Where(c => !quick || c.InQuick)];

    /// <summary>
    /// <paramref name="count"/> faults spread evenly over the producer's messages: the k-th once k/(count+1) of them
    /// were sent.
    /// </summary>
    public static async Task RepeatAsync(FaultContext f, int count, Func<Task> fault, CancellationToken cancellationToken)
    {
        for (var k = 1; k <= count; k++)
        {
            await f.WhenSentAsync(f.Messages * k / (count + 1), cancellationToken).ConfigureAwait(false);
            await f.InjectAsync(fault).ConfigureAwait(false);
        }
    }
}
