using LocalPipeline.Tracking;

namespace LocalChaos.Cases;

/// <summary>
/// The cases of ordinary real-world input and configuration (ISSUE 8, items 1, 2, 4, 5, 10): hostile producer
/// properties, a wildcard over an excluded queue, a property over the STOMP header cap, a message above the target's
/// size limit, a failing non-persistent message on the cloud queue.
/// </summary>
internal static class InputCases
{
    /// <summary>A JMS property of each name ActiveMQ writes over a STOMP header, or the SEND reserves (activemq.md §7.2.1).</summary>
    private static readonly string[] HostileProperties =
    [
        "destination=/queue/orders.elsewhere", "message-id=ORDER-1", "persistent=false", "priority=HIGH", "expires=tomorrow",
        "transaction=tx-1", "receipt=r-1",
    ];

    /// <summary>The forwarder's size limit in the oversize case; those messages are 80 KiB.</summary>
    private const int MaxMessageBytes = 64 * 1024;

    /// <summary>The queue the cloud broker refuses the forwarder in target-refuses-one-queue.</summary>
    private const string RefusedQueue = "orders.refused";

    public static IReadOnlyList<ChaosCase> All { get; } =
    [
        new("hostile-properties", "every message carries JMS properties named destination, message-id (ORDER-1 on all), persistent=false, priority=HIGH, expires=tomorrow, transaction, receipt")
        {
            Configure = o => o with { ProducerArguments = [.. HostileProperties.SelectMany(p => new[] { "--property", p })] },
            Verify = (f, _) => Task.FromResult(SkippedAsProcessed(f)),
        },
        // Apart from the others: ActiveMQ writes it as the frame's content-length, which decides where the frame ends.
        new("hostile-content-length", "every message carries a JMS property content-length=5 (shorter than the body)")
        {
            Configure = o => o with { ProducerArguments = ["--property", "content-length=5"] },
            Verify = (f, _) => Task.FromResult(SkippedAsProcessed(f)),
        },
        new("wildcard-excluded", "the forwarder includes orders.> and excludes orders and orders.held (ActiveMQ's > matches the name before it too); messages on those stay on-prem untouched")
        {
            Configure = o => o with { Queue = "orders.in", ForwarderArguments = ["--include", "orders.>", "--exclude", "orders", "--exclude", "orders.held"] },
            Inject = (f, ct) => CaseCatalog.RepeatAsync(f, 1, async () =>
            {
                var onPrem = f.Stages.OnPrem.Broker.OpenWireUri;
                var excluded = f.Quick ? 10 : 100;
                f.Kept["orders"] = await f.SendAsync(onPrem, "orders", excluded, [], tracked: false, ct).ConfigureAwait(false);
                f.Kept["orders.held"] = await f.SendAsync(onPrem, "orders.held", excluded, [], tracked: false, ct).ConfigureAwait(false);
            }, ct),
            Verify = ExcludedStayedAsync,
        },
        new("big-property", "one message with a 20 KiB property value (over the STOMP client's header cap) mid-flow: parked or on the on-prem DLQ, logged with its id; the rest flows")
        {
            Inject = (f, ct) => CaseCatalog.RepeatAsync(f, 1, async () =>
                f.Marked.AddRange(await f.SendAsync(f.Stages.OnPrem.Broker.OpenWireUri, f.Options.Queue, 1, ["--property", "big=" + new string('b', 20 * 1024)], tracked: true, ct).ConfigureAwait(false)), ct),
            Verify = (f, _) => Task.FromResult(NotKeptOnPrem(f, logged: true)),
        },
        new("oversize", FormattableString.Invariant($"messages of 80 KiB mid-flow (quick 3, full 10) above the forwarder's MaxMessageBytes={MaxMessageBytes}: parked on-prem unsent; the rest flows"))
        {
            // Full run only, to keep the CI subset within 10 minutes; Forwarder.IntegrationTests cover the limit too.
            InQuick = false,
            Configure = o => o with { ForwarderArguments = ["--max-message-bytes", FormattableString.Invariant($"{MaxMessageBytes}")] },
            Inject = (f, ct) => CaseCatalog.RepeatAsync(f, 1, async () =>
                f.Marked.AddRange(await f.SendAsync(f.Stages.OnPrem.Broker.OpenWireUri, f.Options.Queue, f.Quick ? 3 : 10, ["--body", new string('o', 80 * 1024)], tracked: true, ct).ConfigureAwait(false)), ct),
            Verify = (f, _) => Task.FromResult(NotKeptOnPrem(f, logged: false)),
        },
        new("nonpersistent-poison-cloud", "non-persistent poison messages sent straight to the cloud queue (quick 2, full 10) while the SQS dead-letter queue is unreachable: the broker must dead-letter them (processNonPersistent), not discard them")
        {
            // No other poison, and the function's SQS sink unreachable: the failing batches end in the broker's DLQ.<queue>.
            Configure = o => o with { PoisonEvery = 0, DeadLetterQueueUrl = "http://127.0.0.1:9/000000000000/unreachable" },
            Inject = (f, ct) => CaseCatalog.RepeatAsync(f, 1, async () =>
                f.Marked.AddRange(await f.SendAsync(f.Stages.Cloud.Broker.OpenWireUri, f.Options.Queue, f.Quick ? 2 : 10, ["--poison-every", "1", "--non-persistent"], tracked: true, ct).ConfigureAwait(false)), ct),
            Verify = (f, _) => Task.FromResult(Describe(f.Samples.Where(s => f.Marked.Contains(s.SampleId) && s.DeadLetter is not (DeadLetterPlace.BrokerDlq or DeadLetterPlace.Sqs)), "not dead-lettered")),
        },
        new("target-refuses-one-queue", "the cloud broker refuses the forwarder's writes to orders.refused (authorizationPlugin) while orders flows: those messages (quick 3, full 20) are parked on-prem, orders keeps flowing")
        {
            // Full run only: each refused message takes about 10 s (5 attempts with backoff) before it is parked.
            InQuick = false,
            Configure = RefusingCloud,
            Inject = async (f, ct) =>
            {
                var refused = f.Quick ? 3 : 20;
                await CaseCatalog.RepeatAsync(f, 1, async () =>
                    f.Marked.AddRange(await f.SendAsync(f.Stages.OnPrem.Broker.OpenWireUri, RefusedQueue, refused, [], tracked: true, ct).ConfigureAwait(false)), ct).ConfigureAwait(false);
                // Each refused message is sent MaxAttempts (5) times with backoff before it is parked: about 10 s each.
                await f.WhenParkedAsync("DLQ." + RefusedQueue, TimeSpan.FromSeconds(30 + (15 * refused)), ct).ConfigureAwait(false);
            },
            Verify = (f, _) => Task.FromResult(NotKeptOnPrem(f, logged: false)),
        },
    ];

    /// <summary>
    /// The cloud broker lets the forwarder (its own login) write only the run's queue; every other client comes in
    /// anonymous and may do anything. The forwarder also forwards <see cref="RefusedQueue"/>, which it may not write.
    /// </summary>
    private static PipelineOptions RefusingCloud(PipelineOptions o)
    {
        const string Password = "forwarder-secret";
        var passwordFile = Path.Combine(o.WorkDirectory!, "forwarder-target.password");
        Directory.CreateDirectory(o.WorkDirectory!);
        File.WriteAllText(passwordFile, Password);
        return o with
        {
            CloudBroker = new()
            {
                Users = [new("forwarder", Password, "forwarders")],
                AnonymousAccess = true,
                // ActiveMQ grants the union of every matching entry: no wildcard entry may let the forwarder write.
                Authorization = ["queue:>:anonymous:anonymous:anonymous,forwarders", $"queue:{o.Queue}:anonymous:anonymous,forwarders:anonymous,forwarders"],
            },
            ForwarderArguments = ["--include", RefusedQueue, "--target-user", "forwarder", "--target-password-file", passwordFile],
        };
    }

    /// <summary>Processed messages the handler skipped as "already processed" and never ran: a forged id taken for theirs.</summary>
    private static string? SkippedAsProcessed(FaultContext f) =>
        Describe(f.Samples.Where(s => s.IsProcessed && s.ProcessedCount == 0), "skipped as already processed, never run");

    /// <summary>
    /// The marked messages must be parked or on an on-prem dead-letter queue (which the table counts); one on the
    /// DLQ must be logged by the forwarder with its id when <paramref name="logged"/>.
    /// </summary>
    private static string? NotKeptOnPrem(FaultContext f, bool logged)
    {
        var marked = f.Samples.Where(s => f.Marked.Contains(s.SampleId)).ToList();
        if (marked.Count != f.Marked.Count)
        {
            return $"{f.Marked.Count - marked.Count} marked message(s) not tracked";
        }

        var forwarderLog = logged ? File.ReadAllText(Path.Combine(f.Options.WorkDirectory!, "forwarder.log")) : "";
        return Describe(marked.Where(s => s.DeadLetter != DeadLetterPlace.ForwarderParking && !(logged && f.Finds.OnPrem.Contains(s.SampleId) && forwarderLog.Contains(s.JmsId, StringComparison.Ordinal))),
            logged ? "neither parked nor on the on-prem DLQ with its id in forwarder.log" : "not parked");
    }

    /// <summary>Every message sent to an excluded queue is still on it on-prem, and none reached the cloud broker.</summary>
    private static async Task<string?> ExcludedStayedAsync(FaultContext f, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var (queue, ids) in f.Kept)
        {
            var onPrem = await SampleIdsAsync(f.Stages.OnPrem.Broker.StompUri, queue).ConfigureAwait(false);
            var cloud = await SampleIdsAsync(f.Stages.Cloud.Broker.StompUri, queue).ConfigureAwait(false);
            var missing = ids.Count(id => !onPrem.Contains(id));
            var forwarded = ids.Count(cloud.Contains);
            await Console.Out.WriteLineAsync($"  excluded '{queue}': {ids.Count - missing} of {ids.Count} still on-prem, {forwarded} on the cloud broker").ConfigureAwait(false);
            if (missing > 0 || forwarded > 0 || ids.Count == 0)
            {
                problems.Add($"excluded '{queue}': {missing} of {ids.Count} gone from on-prem, {forwarded} forwarded");
            }
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);

        async Task<HashSet<string>> SampleIdsAsync(Uri broker, string queue) =>
            [.. (await FaultContext.BrowseAsync(broker, queue, cancellationToken).ConfigureAwait(false)).Select(h => h.GetValueOrDefault("sample_id") ?? "")];
    }

    private static string? Describe(IEnumerable<SampleRecord> wrong, string what)
    {
        var ids = wrong.Select(s => s.SampleId).ToList();
        return ids.Count == 0 ? null : $"{ids.Count} message(s) {what}: {string.Join(", ", ids.Take(5))}";
    }
}
