namespace Forwarder.IntegrationTests;

public sealed class ParkingProbeTests(LockedParkingFixture pair) : IClassFixture<LockedParkingFixture>
{
    [Fact]
    public async Task Run_ParkingQueueNotWritable_FailsAtStartNamingIt()
    {
        var queue = "Orders." + Guid.NewGuid().ToString("N")[..8];
        var env = new Dictionary<string, string> { ["FORWARDER_SOURCE_PASSWORD"] = LockedParkingFixture.SourcePassword };

        var (code, stdout, stderr) = await AgentProcess.RunAsync(
            Link.RunArgs(pair, "--include", queue, "--source-user", LockedParkingFixture.SourceUser), env, Ct);

        Assert.NotEqual(0, code);
        Assert.Contains($"may not write its parking queue 'DLQ.{queue}'", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ParkingQueueWritable_StartsAndLeavesNothingOnIt()
    {
        var queue = "Orders." + Guid.NewGuid().ToString("N")[..8];
        var env = new Dictionary<string, string> { ["FORWARDER_SOURCE_PASSWORD"] = LockedParkingFixture.SourcePassword };

        await using var agent = AgentProcess.Start(
            Link.RunArgs(pair, "--include", queue, "--source-user", LockedParkingFixture.SourceUser, "--parking-queue", "Orders.Parked.{queue}"), env);
        await Messages.SendAsync(pair.OnPrem, queue, 3, Ct);
        await Messages.WaitForCountAsync(pair.Cloud, queue, 3, agent, Ct);

        Assert.Equal(0, await pair.OnPrem.Queues.CountAsync("Orders.Parked." + queue, Ct));
    }
}
