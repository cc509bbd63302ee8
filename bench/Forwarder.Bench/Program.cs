using Forwarder.Bench;
using Harness;
using Harness.ActiveMq;

// The forwarder against ActiveMQ's own networkConnector on the same cloud broker, in interleaved pairs (who goes
// first alternates): (1) live, the legacy JMS producer's rate while each moves what it sends; (2) drain of a
// backlog, with (3) the CPU seconds of agent and brokers per 10,000 messages after a warm-up; then (4) latency at
// half the producer's ceiling from (1). Direct STOMP sends to the cloud (the limit) run once per pair.
if (CommandLineArguments.Read(Arguments.Command, args, Arguments.Read, out var exitCode) is not { } arguments)
{
    return exitCode;
}

var ct = CancellationToken.None;
Console.Error.WriteLine(
    $"bench: {arguments.Pairs} pairs; {arguments.Messages} persistent text messages of {arguments.Size} B per run " +
    $"(drains after {arguments.Warmup} more for warm-up); forwarder send mode {arguments.SendMode} x {arguments.BatchSize}");
var loads = new List<double> { Stats.Load() };
var cloudTask = ActiveMqBroker.StartAsync(new BrokerOptions
{
    Name = "cloud",
    Users = [new BrokerUser("app", "apppw"), BridgeMover.User],
    Heap = "512m",
});
var onPremTask = ActiveMqBroker.StartAsync(new BrokerOptions { Name = "onprem", Heap = "512m" });
await using var cloud = await cloudTask;
await using var onPrem = await onPremTask;
var suffix = Guid.NewGuid().ToString("N")[..6];
var passwordFile = Path.GetTempFileName();
await File.WriteAllTextAsync(passwordFile, "apppw\n", ct);
await using var bridge = await BridgeMover.StartAsync(cloud, suffix, ["Live", "Drain", "Latency"], arguments.Pairs + 1);
var forwarder = new ForwarderMover(onPrem, cloud, passwordFile, arguments, suffix);
var measure = new Measurements(cloud, cloud.StompOptions("app", "apppw"), arguments);
var results = new Results(arguments);

// The agent for live traffic runs all along, as in production, and both movers first carry a warm-up through
// (the brokers' JVMs and the agent's JIT); each drain starts an agent of its own.
var standing = await forwarder.StartAsync(measure.LiveQueues(forwarder), ct);
await using (standing)
{
    foreach (var mover in new IMover[] { forwarder, bridge })
    {
        await measure.LiveAsync(mover, arguments.Pairs, arguments.Warmup, ct);
    }

    for (var pair = 0; pair < arguments.Pairs; pair++)
    {
        IMover[] order = pair % 2 == 0 ? [forwarder, bridge] : [bridge, forwarder];
        foreach (var mover in order)
        {
            var rate = await measure.LiveAsync(mover, pair, arguments.Messages, ct);
            results.Live[mover == forwarder ? 0 : 1].Add(rate);
            Console.Error.WriteLine($"bench: pair {pair + 1} live, {mover.Name}: producer {rate:0} msg/s");
        }

        foreach (var mover in order)
        {
            var drain = await measure.DrainAsync(mover, pair, ct);
            results.Drains[mover == forwarder ? 0 : 1].Add(drain);
            Console.Error.WriteLine($"bench: pair {pair + 1} drain, {mover.Name}: {drain.Rate:0} msg/s, CPU-s per 10k agent {drain.Cpu.Agent:0.00}, on-prem {drain.Cpu.OnPrem:0.00}, cloud {drain.Cpu.Cloud:0.00}");
        }

        results.Direct.Add(await measure.DirectAsync(pair, ct));
        loads.Add(Stats.Load());
    }

    var latencyRate = results.Ceiling / 2;
    Console.Error.WriteLine($"bench: producer ceiling {results.Ceiling:0} msg/s; latency runs at {latencyRate:0} msg/s");
    for (var pair = 0; pair < arguments.Pairs; pair++)
    {
        IMover[] order = pair % 2 == 0 ? [forwarder, bridge] : [bridge, forwarder];
        foreach (var mover in order)
        {
            var latency = await measure.LatencyAsync(mover, pair, latencyRate, ct);
            results.Latencies[mover == forwarder ? 0 : 1].Add(latency);
            Console.Error.WriteLine($"bench: pair {pair + 1} latency, {mover.Name}: p50 {latency.P50:0} ms, p99 {latency.P99:0} ms");
        }

        loads.Add(Stats.Load());
    }
}

File.Delete(passwordFile);
results.Print(Console.Out, forwarder.Name, loads);
return 0;
