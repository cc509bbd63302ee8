using Harness.ActiveMq;
using Stomp;

namespace Forwarder.Bench;

/// <summary>
/// One run of each measurement for one mover; the same code times the forwarder and the bridge. Live and latency
/// runs go through the mover already running (<see cref="LiveQueues"/>), as in everyday traffic; each drain starts
/// it on a backlog built while the cloud broker was down.
/// </summary>
internal sealed class Measurements(ActiveMqBroker cloud, StompClientOptions cloudApp, Arguments arguments)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The queues of the live and latency runs, one more of each for the warm-up.</summary>
    public IReadOnlyList<string> LiveQueues(IMover mover) =>
        [.. Enumerable.Range(0, arguments.Pairs + 1).SelectMany(run => new[] { mover.Queue("Live", run), mover.Queue("Latency", run) })];

    /// <summary>The legacy producer's rate while <paramref name="mover"/> moves what it sends.</summary>
    /// <param name="run">The pair, or <see cref="Arguments.Pairs"/> for the warm-up.</param>
    public async Task<double> LiveAsync(IMover mover, int run, int count, CancellationToken cancellationToken)
    {
        var queue = mover.Queue("Live", run);
        await using var counter = await ArrivalCounter.StartAsync(cloudApp, queue, count, ArrivalProbe.None, cancellationToken);
        var rate = await LegacyProducerRun.SendAsync(mover.Source.OpenWireUri, queue, count, arguments.Size, 0, cancellationToken);
        await counter.WaitAsync(Timeout, cancellationToken);
        return rate;
    }

    /// <summary>
    /// Drains a backlog of warm-up plus measured messages, built while the cloud was down (the bridge would move it
    /// at once; the forwarder gets the same freshly started cloud). The rate and the CPU seconds count from the
    /// arrival of the last warm-up message to the last one.
    /// </summary>
    public async Task<Drain> DrainAsync(IMover mover, int pair, CancellationToken cancellationToken)
    {
        var queue = mover.Queue("Drain", pair);
        await cloud.StopAsync(cancellationToken);
        await Backlog.SendAsync(mover.Source.StompOptions(), queue, arguments.Warmup + arguments.Messages, arguments.Size, 500, cancellationToken);
        await cloud.StartAgainAsync(cancellationToken);
        var agentPid = 0;
        CpuSample warm = default, end = default;
        var probe = new ArrivalProbe(arguments.Warmup, () => warm = Sample(), () => end = Sample());
        await using var counter = await ArrivalCounter.StartAsync(cloudApp, queue, arguments.Warmup + arguments.Messages, probe, cancellationToken);
        await using var run = await mover.StartAsync([queue], cancellationToken);
        agentPid = run.AgentPid;
        await counter.WaitAsync(Timeout, cancellationToken);
        return new Drain(arguments.Messages / counter.MeasuredSeconds, (end - warm).Per10K(arguments.Messages), run.PeakRssMb());

        CpuSample Sample() => CpuSample.Take(agentPid, mover.Source.ProcessId, cloud.ProcessId);
    }

    /// <summary>STOMP sends straight to the cloud broker in the forwarder's send mode: the limit for any mover.</summary>
    public async Task<double> DirectAsync(int pair, CancellationToken cancellationToken)
    {
        var queue = $"Bench.Direct.{pair}.{Guid.NewGuid():N}";
        await using var counter = await ArrivalCounter.StartAsync(cloudApp, queue, arguments.Messages, ArrivalProbe.None, cancellationToken);
        await Backlog.SendAsync(cloudApp, queue, arguments.Messages, arguments.Size, arguments.SendMode == "Transaction" ? arguments.BatchSize : 1, cancellationToken);
        await counter.WaitAsync(Timeout, cancellationToken);
        return arguments.Messages / counter.Seconds;
    }

    /// <summary>JMS timestamp to arrival on the cloud, the legacy producer paced at <paramref name="rate"/>.</summary>
    public async Task<Latency> LatencyAsync(IMover mover, int pair, double rate, CancellationToken cancellationToken)
    {
        var queue = mover.Queue("Latency", pair);
        var warmup = arguments.LatencyMessages / 4;
        var total = warmup + arguments.LatencyMessages;
        await using var counter = await ArrivalCounter.StartAsync(cloudApp, queue, total, new ArrivalProbe(warmup, Latency: true), cancellationToken);
        await LegacyProducerRun.SendAsync(mover.Source.OpenWireUri, queue, total, arguments.Size, rate, cancellationToken);
        await counter.WaitAsync(Timeout, cancellationToken);
        var sorted = counter.LatenciesMs.Order().ToList();
        return new Latency(Stats.Percentile(sorted, 50), Stats.Percentile(sorted, 99));
    }
}
