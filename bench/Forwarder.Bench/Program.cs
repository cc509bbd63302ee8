using System.Globalization;
using Forwarder.Bench;
using Forwarder.Configuration;
using Harness;
using Harness.ActiveMq;
using ForwarderXml = Forwarder.NetworkConnector.NetworkConnectorXml;

// Drains a backlog of persistent messages on-prem to the cloud broker three ways, on the same cloud broker in one
// run: (a) the forwarder agent, (b) ActiveMQ's own networkConnector (the seed's bridge, restricted to that queue),
// (c) STOMP sends straight to the cloud in the forwarder's send mode (the limit). Each is timed from the first to
// the last arrival at a counting consumer on the cloud queue.
if (CommandLineArguments.Read(Arguments.Command, args, Arguments.Read, out var exitCode) is not { } arguments)
{
    return exitCode;
}

var (messages, size, batch, mode) = arguments;
var timeout = TimeSpan.FromMinutes(5);
var ct = CancellationToken.None;
const string BridgePassword = "bridgepw";

Console.Error.WriteLine($"bench: {messages} persistent messages of {size} B; forwarder send mode {mode} x {batch}");
var cloudTask = ActiveMqBroker.StartAsync(new BrokerOptions
{
    Name = "cloud",
    Users = [new BrokerUser("app", "apppw"), new BrokerUser("bridge", BridgePassword)],
    Heap = "512m",
});
var onPremTask = ActiveMqBroker.StartAsync(new BrokerOptions { Name = "onprem", Heap = "512m" });
await using var cloud = await cloudTask;
await using var onPrem = await onPremTask;
var cloudApp = cloud.StompOptions("app", "apppw");
var suffix = Guid.NewGuid().ToString("N")[..6];

// (a) the forwarder
var qa = "Bench.Fwd." + suffix;
var fill = await Backlog.SendAsync(onPrem.StompOptions(), qa, messages, size, 500, ct);
Console.Error.WriteLine($"bench: backlog of {messages} on onprem {qa} in {fill:0.0} s");
var passwordFile = Path.GetTempFileName();
await File.WriteAllTextAsync(passwordFile, "apppw\n", ct);
double fwdSeconds, fwdRss;
await using (var counter = await ArrivalCounter.StartAsync(cloudApp, qa, messages, ct))
{
    await using var agent = AgentRun.Start(
    [
        "run", "--source", onPrem.StompUri.ToString(), "--target", cloud.StompUri.ToString(),
        "--target-user", "app", "--target-password-file", passwordFile, "--include", qa,
        "--send-mode", mode, "--batch-size", batch.ToString(CultureInfo.InvariantCulture), "--metrics-port", "0",
    ]);
    await counter.WaitAsync(timeout, ct);
    fwdSeconds = counter.Seconds;
    fwdRss = agent.PeakRssMb();
}

File.Delete(passwordFile);
Console.Error.WriteLine($"bench: (a) forwarder {fwdSeconds:0.00} s, peak RSS {fwdRss:0} MiB");

// (b) the networkConnector, configured on an on-prem broker as the seed does; the cloud is down while the backlog
// builds, so the bridge drains a backlog exactly like the agent did.
var qb = "Bench.Bridge." + suffix;
var link = new ForwarderOptions
{
    Name = "Q:onprem->cloud",
    Target = cloud.StompUri.ToString(),
    TargetUserName = "bridge",
    StaticallyIncludedDestinations = [qb],
};
var xml = ForwarderXml.Render(link, openWireUris: [cloud.OpenWireUri.ToString().TrimEnd('/')])
    .Replace(ForwarderXml.PasswordPlaceholder, BridgePassword, StringComparison.Ordinal);
await cloud.StopAsync(ct);
double bridgeSeconds;
await using (var bridged = await ActiveMqBroker.StartAsync(new BrokerOptions { Name = "onprem-bridge", Heap = "512m", NetworkConnectors = [xml] }))
{
    await Backlog.SendAsync(bridged.StompOptions(), qb, messages, size, 500, ct);
    await cloud.StartAgainAsync(ct);
    await using var counter = await ArrivalCounter.StartAsync(cloudApp, qb, messages, ct);
    await counter.WaitAsync(timeout, ct);
    bridgeSeconds = counter.Seconds;
}

Console.Error.WriteLine($"bench: (b) networkConnector {bridgeSeconds:0.00} s");

// (c) direct STOMP sends to the cloud in the forwarder's send mode: the limit for any mover.
var qc = "Bench.Direct." + suffix;
double directSeconds;
await using (var counter = await ArrivalCounter.StartAsync(cloudApp, qc, messages, ct))
{
    await Backlog.SendAsync(cloudApp, qc, messages, size, mode == "Transaction" ? batch : 1, ct);
    await counter.WaitAsync(timeout, ct);
    directSeconds = counter.Seconds;
}

var fwd = messages / fwdSeconds;
var bridge = messages / bridgeSeconds;
var direct = messages / directSeconds;
// Peak RSS: VmHWM of the agent process (/proc/<pid>/status), the figure the unit's MemoryMax must leave room for.
Console.WriteLine($"| mover ({messages} x {size} B persistent) | seconds | msg/s | agent peak RSS (MiB) |");
Console.WriteLine("|---|---:|---:|---:|");
Console.WriteLine(Row("(a) forwarder, " + mode + " x " + batch, fwdSeconds, fwd, string.Create(CultureInfo.InvariantCulture, $"{fwdRss:0}")));
Console.WriteLine(Row("(b) ActiveMQ networkConnector", bridgeSeconds, bridge, "–"));
Console.WriteLine(Row("(c) direct STOMP to cloud, " + mode, directSeconds, direct, "–"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"forwarder peak RSS {fwdRss:0} MiB; forwarder/bridge {fwd / bridge:0.00}x; forwarder/direct {fwd / direct:0.00}x"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT fwd_msgs_s={fwd:0} bridge_msgs_s={bridge:0} direct_msgs_s={direct:0} fwd_over_bridge={fwd / bridge:0.00} fwd_over_direct={fwd / direct:0.00} fwd_peak_rss_mb={fwdRss:0}"));
return 0;

static string Row(string name, double seconds, double rate, string peakRss) =>
    string.Create(CultureInfo.InvariantCulture, $"| {name} | {seconds:0.00} | {rate:0} | {peakRss} |");
