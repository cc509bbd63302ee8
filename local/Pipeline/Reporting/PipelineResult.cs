using System.Globalization;
using LocalPipeline.Tracking;

namespace LocalPipeline.Reporting;

/// <summary>The outcome of one run: counts of distinct producer messages and latencies (ms).</summary>
internal sealed record PipelineResult(PipelineCounts Counts, IReadOnlyList<SampleRecord> Samples, string WorkDirectory, string ForwarderKind)
{
    /// <summary>Send (producer clock) → the handler's "processed" log line, for processed messages.</summary>
    public IReadOnlyList<long> EndToEndMs => Latencies(r => r.IsProcessed, r => r.ProcessedAt - r.SentAt);

    /// <summary>Send → first received from the cloud broker by the event source (producer, on-prem broker, forwarder, cloud broker).</summary>
    public IReadOnlyList<long> ForwardHopMs => Latencies(r => r.ForwardedAt != 0, r => r.ForwardedAt - r.SentAt);

    /// <summary>Received by the event source → handed to the function (batching window, queueing behind other batches).</summary>
    public IReadOnlyList<long> BatchingHopMs => Latencies(r => r.InvokedAt != 0 && r.ForwardedAt != 0, r => r.InvokedAt - r.ForwardedAt);

    /// <summary>Handed to the function → its "processed" log line (cold start included for the first batch).</summary>
    public IReadOnlyList<long> HandlerHopMs => Latencies(r => r.IsProcessed && r.InvokedAt != 0, r => r.ProcessedAt - r.InvokedAt);

    public string ResultLine => string.Create(CultureInfo.InvariantCulture,
        $"RESULT sent={Counts.Sent} forwarded={Counts.Forwarded} processed={Counts.Processed} dead_lettered={Counts.DeadLettered} lost={Counts.Lost} p50_ms={Percentile(EndToEndMs, 50)} p99_ms={Percentile(EndToEndMs, 99)}");

    /// <summary>Nearest-rank percentile; 0 for no samples.</summary>
    public static long Percentile(IReadOnlyList<long> sorted, int percentile)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Lines for a human: the counts, where dead letters went, and latency per hop.</summary>
    public IEnumerable<string> Summary()
    {
        var c = Counts;
        yield return "── summary ──────────────────────────────────────────────";
        yield return Invariant($"sent           {c.Sent,6}  (producer over OpenWire to onprem)");
        yield return Invariant($"forwarded      {c.Forwarded,6}  (reached the cloud broker; {ForwarderKind})");
        yield return Invariant($"invoked        {c.Invoked,6}  ({c.Invocations} invocations, {c.FailedInvocations} failed, {c.Redeliveries} redeliveries)");
        yield return Invariant($"processed      {c.Processed,6}  (handler logged it processed)");
        yield return Invariant($"dead-lettered  {c.DeadLettered,6}  (SQS {c.DeadLetteredSqs}, cloud DLQ {c.DeadLetteredBroker}, forwarder parking {c.Parked})");
        yield return Invariant($"lost           {c.Lost,6}");
        yield return Hop("send → handler (end to end)", EndToEndMs);
        yield return Hop("send → cloud (forward hop)", ForwardHopMs);
        yield return Hop("cloud → invoke (batching)", BatchingHopMs);
        yield return Hop("invoke → processed (handler)", HandlerHopMs);
        yield return $"logs and broker data: {WorkDirectory}";
    }

    private static string Hop(string name, IReadOnlyList<long> ms) =>
        Invariant($"latency {name,-30} n={ms.Count,-5} p50={Percentile(ms, 50)} ms  p99={Percentile(ms, 99)} ms  max={(ms.Count == 0 ? 0 : ms[^1])} ms");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private List<long> Latencies(Func<SampleRecord, bool> where, Func<SampleRecord, long> select) =>
        [.. Samples.Where(where).Select(select).Select(v => Math.Max(0, v)).Order()];
}
