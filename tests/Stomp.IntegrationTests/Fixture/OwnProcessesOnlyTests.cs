using System.Globalization;
using Harness;

namespace Stomp.IntegrationTests.Fixture;

/// <summary>
/// Scripts signal only what they started, by a recorded pid they verify first: a pid file that outlived its broker
/// (the pid now another process's) and a leftover record whose pid was reused are never signalled.
/// </summary>
public sealed class OwnProcessesOnlyTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("own-processes-").FullName;
    private readonly List<ChildProcess> _bystanders = [];

    [Theory]
    [InlineData("stop")]
    [InlineData("kill")]
    public async Task BrokerScript_PidFileOfAnotherProcess_SignalsNothingAndRemovesIt(string command)
    {
        var bystander = StartBystander();
        var pidFile = Path.Combine(_dir, "broker.pid");
        await File.WriteAllTextAsync(pidFile, bystander.Id.ToString(CultureInfo.InvariantCulture), Ct);

        var result = await RunScriptAsync("broker.sh", command, _dir);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("not this broker (stale file)", result.StdErr, StringComparison.Ordinal);
        await AssertStillRunningAsync(bystander);
        Assert.False(File.Exists(pidFile), "the stale broker.pid was kept");
    }

    [Fact]
    public async Task BrokerStart_PidFileOfAnotherProcess_StartsAndStopsOnlyTheBroker()
    {
        var bystander = StartBystander();
        await File.WriteAllTextAsync(Path.Combine(_dir, "broker.pid"), bystander.Id.ToString(CultureInfo.InvariantCulture), Ct);

        await using (var broker = await ActiveMqBroker.StartAsync(new BrokerOptions { Name = "stale-pid", Directory = _dir }, Ct))
        {
            Assert.NotEqual(bystander.Id, broker.ProcessId);
        }

        await AssertStillRunningAsync(bystander);
    }

    [Fact]
    public async Task Reap_Records_KillsOnlyProcessesWhosePidAndStartTimeStillMatch()
    {
        var leftover = StartBystander();
        var reused = StartBystander();
        var records = Directory.CreateDirectory(Path.Combine(_dir, "pids")).FullName;
        await File.WriteAllTextAsync(Path.Combine(records, Id(leftover)), ProcessRecords.StartTime(leftover.Id), Ct);
        // A record of a process that ended, whose pid the system has given to another one since.
        await File.WriteAllTextAsync(Path.Combine(records, Id(reused)), "1", Ct);

        var result = await RunScriptAsync("reap.sh", records);

        Assert.True(result.ExitCode == 0, result.Describe());
        await leftover.WaitForExitAsync(Ct);
        await AssertStillRunningAsync(reused);
        Assert.False(Directory.Exists(records), "reap.sh left its folder behind");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var bystander in _bystanders)
        {
            await bystander.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    private static string Id(ChildProcess process) => process.Id.ToString(CultureInfo.InvariantCulture);

    // An unrelated process that must survive, started (and in the end killed) by its own pid.
    private ChildProcess StartBystander()
    {
        var bystander = ChildProcess.Start(new ProcessCommand("sleep", ["300"]), _ => { }, _ => { });
        _bystanders.Add(bystander);
        return bystander;
    }

    private static Task<ProcessResult> RunScriptAsync(string script, params string[] arguments) =>
        ChildProcess.RunAsync(
            new ProcessCommand("bash", [Path.Combine(RepositoryRoot.Path, "scripts", script), .. arguments]),
            TimeSpan.FromSeconds(60),
            Ct);

    private static async Task AssertStillRunningAsync(ChildProcess process)
    {
        // A signal is delivered asynchronously: give a stray one time to land.
        await Task.Delay(300, Ct);
        Assert.False(process.HasExited, $"pid {process.Id} was signalled, but it was never the script's");
    }
}
