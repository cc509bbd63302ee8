using System.Globalization;

namespace Forwarder.Bench;

/// <summary>Every run's figure, index 0 the forwarder and 1 the bridge; printed as the table and the RESULT line.</summary>
internal sealed class Results(Arguments arguments)
{
    public List<double>[] Live { get; } = [[], []];

    public List<Drain>[] Drains { get; } = [[], []];

    public List<Latency>[] Latencies { get; } = [[], []];

    public List<double> Direct { get; } = [];

    /// <summary>The legacy producer's best median rate in the live runs.</summary>
    public double Ceiling => Math.Max(Stats.Median(Live[0]), Stats.Median(Live[1]));

    public void Print(TextWriter output, string forwarderName, IReadOnlyList<double> loads)
    {
        var drainRates = Drains.Select(d => d.Select(x => x.Rate).ToList()).ToArray();
        var agent = Drains[0].Select(d => d.Cpu.Agent).ToList();
        var p99 = Latencies.Select(l => l.Select(x => x.P99).ToList()).ToArray();
        var liveRatio = Ratios(Live);
        var drainRatio = Ratios(drainRates);
        var rss = Drains[0].Max(d => d.PeakRssMb);
        var fwd = Stats.Median(drainRates[0]);
        var bridge = Stats.Median(drainRates[1]);
        var direct = Stats.Median(Direct);
        var n = arguments.Messages;

        output.WriteLine(Invariant(
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {arguments.Pairs} interleaved pairs, {Environment.ProcessorCount} cores, ") + Invariant(
            $"1-min load {loads[0]:0.0} at start, {loads[^1]:0.0} at end ({loads.Min():0.0}–{loads.Max():0.0}); ") + Invariant(
            $"{n} persistent {arguments.Size} B text messages per run, drains after {arguments.Warmup} more for warm-up; ") + Invariant(
            $"latency: {arguments.LatencyMessages} after {arguments.LatencyMessages / 4} at {Ceiling / 2:0} msg/s, half the producer's ceiling of {Ceiling:0} msg/s"));
        output.WriteLine($"| measurement, median (min–max) | {forwarderName} | ActiveMQ networkConnector | forwarder/bridge per pair | target |");
        output.WriteLine("|---|---:|---:|---:|---|");
        Row("(1) live: legacy JMS producer msg/s", Live, "0", "0.00", "≥ 1.0×");
        Row("(2) drain: msg/s", drainRates, "0", "0.00", "≥ 2.0×");
        Row("(3) CPU-s per 10,000: agent", Cpu(c => c.Agent), "0.00", null, "≤ 0.5 s");
        Row("(3) CPU-s per 10,000: on-prem broker", Cpu(c => c.OnPrem), "0.00", "0.00", "");
        Row("(3) CPU-s per 10,000: cloud broker", Cpu(c => c.Cloud), "0.00", "0.00", "");
        Row("(3) CPU-s per 10,000: total", Cpu(c => c.Total), "0.00", "0.00", "");
        Row("(4) latency p50 ms", [.. Latencies.Select(l => l.Select(x => x.P50).ToList())], "0", "0.00", "");
        Row("(4) latency p99 ms", p99, "0", "0.00", "");
        output.WriteLine($"| direct STOMP sends to the cloud msg/s (the limit) | {Stats.Spread(Direct, "0")} | | | |");
        output.WriteLine(Invariant($"forwarder peak RSS {rss:0} MiB; forwarder/direct {fwd / direct:0.00}x"));
        output.WriteLine(Invariant(
            $"RESULT fwd_msgs_s={fwd:0} bridge_msgs_s={bridge:0} direct_msgs_s={direct:0} fwd_over_bridge={Stats.Median(drainRatio):0.00} ") + Invariant(
            $"fwd_over_direct={fwd / direct:0.00} fwd_peak_rss_mb={rss:0} live_over_bridge={Stats.Median(liveRatio):0.00} ") + Invariant(
            $"agent_cpu_s_per_10k={Stats.Median(agent):0.00} p99_fwd_ms={Stats.Median(p99[0]):0} p99_bridge_ms={Stats.Median(p99[1]):0}"));

        List<double>[] Cpu(Func<CpuSample, double> part) => [.. Drains.Select(d => d.Select(x => part(x.Cpu)).ToList())];

        void Row(string name, List<double>[] values, string format, string? ratioFormat, string target)
        {
            var bridgeCell = values[1].All(v => v == 0) ? "– (inside the broker)" : Stats.Spread(values[1], format);
            var ratio = ratioFormat is null ? "" : Stats.Spread(Ratios(values), ratioFormat) + "×";
            output.WriteLine($"| {name} | {Stats.Spread(values[0], format)} | {bridgeCell} | {ratio} | {target} |");
        }
    }

    /// <summary>Forwarder over bridge, pair by pair.</summary>
    private static List<double> Ratios(List<double>[] values) => [.. values[0].Zip(values[1], (f, b) => f / b)];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
