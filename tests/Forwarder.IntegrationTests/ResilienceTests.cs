namespace Forwarder.IntegrationTests;

public sealed class ResilienceTests(ResilienceFixture pair) : IClassFixture<ResilienceFixture>
{
    private static string OkQueue() => "Ok." + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Run_TargetDownThenUp_HoldsMessagesOnSourceAndLosesNone()
    {
        var queue = OkQueue();
        await Messages.SendAsync(pair.OnPrem, queue, 300, Ct);
        await pair.Cloud.StopAsync(Ct);
        try
        {
            await using var agent = AgentProcess.Start(Link.RunArgs(pair, "--include", queue));
            // Wait until the agent has tried the target (a fixed sleep was too short on a loaded machine).
            await Messages.WaitForOutputAsync(agent, "No target reachable", Ct);
            // Nothing was taken off the on-prem queue while the target was away.
            Assert.Equal(300, await pair.OnPrem.Queues.CountAsync(queue, Ct));
            Assert.Contains("No target reachable", agent.StdOut, StringComparison.Ordinal);

            await pair.Cloud.StartAgainAsync(Ct);
            await Messages.WaitForCountAsync(pair.Cloud, queue, 300, agent, Ct, seconds: 90);
            await Messages.WaitForCountAsync(pair.OnPrem, queue, 0, agent, Ct);
            await agent.StopCleanlyAsync(Ct);
        }
        finally
        {
            if (!pair.Cloud.IsRunning)
            {
                await pair.Cloud.StartAgainAsync(CancellationToken.None);
            }
        }

        var arrived = await pair.Cloud.Queues.DrainAsync(queue, 300, TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(300, arrived.Select(m => m.Headers["fwd_origin_id"]).Distinct().Count());
    }

    [Fact]
    public async Task Run_AgentKilledMidFlowAndRestarted_NoLossDuplicatesOnlyAmongInFlight()
    {
        var queue = OkQueue();
        const int Total = 3000;
        const int Prefetch = 200;
        const int Batch = 50;
        await Messages.SendAsync(pair.OnPrem, queue, Total, Ct);
        string[] args = [.. Link.RunArgs(pair, "--include", queue, "--prefetch", Prefetch.ToString(CultureInfo.InvariantCulture), "--batch-size", Batch.ToString(CultureInfo.InvariantCulture))];

        await using (var first = AgentProcess.Start(args))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await pair.Cloud.Queues.CountAsync(queue, Ct) < 300)
            {
                Assert.True(DateTime.UtcNow < deadline, $"nothing forwarded within 60 s:\n{first.StdOut}\n{first.StdErr}");
                await Task.Delay(50, Ct);
            }

            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10), Ct);
        }

        var onTargetAtKill = await pair.Cloud.Queues.CountAsync(queue, Ct);
        Assert.True(onTargetAtKill < Total, "the agent finished before it could be killed; raise Total");

        await using var second = AgentProcess.Start(args);
        await Messages.WaitForCountAsync(pair.OnPrem, queue, 0, second, Ct, seconds: 120);
        var arrived = await pair.Cloud.Queues.DrainAsync(queue, Total + Prefetch + Batch, TimeSpan.FromSeconds(5), Ct);
        second.Terminate();
        await second.WaitForExitAsync(TimeSpan.FromSeconds(30), Ct);

        var ids = arrived.Select(m => m.Headers["fwd_origin_id"]).ToList();
        Assert.Equal(Total, ids.Distinct().Count());
        var bodies = arrived.Select(Messages.Text).ToHashSet();
        Assert.Equal(Total, bodies.Count);
        // Only what was in flight at the kill (at most one prefetch window) can arrive twice.
        Assert.InRange(ids.Count - Total, 0, Prefetch);
    }

    [Fact]
    public async Task Run_TargetRefusesQueue_ParksEachOnSourceAfterMaxAttemptsAndOthersFlow()
    {
        var ok = OkQueue();
        var forbidden = "Forbidden." + Guid.NewGuid().ToString("N")[..8];
        await Messages.SendAsync(pair.OnPrem, forbidden, 3, Ct, prefix: "poison");
        await Messages.SendAsync(pair.OnPrem, ok, 5, Ct);

        await using var agent = AgentProcess.Start(Link.RunArgs(pair, "--include", forbidden, "--include", ok, "--max-attempts", "2"));
        await Messages.WaitForCountAsync(pair.Cloud, ok, 5, agent, Ct);
        await Messages.WaitForCountAsync(pair.OnPrem, "DLQ." + forbidden, 3, agent, Ct);
        await Messages.WaitForCountAsync(pair.OnPrem, forbidden, 0, agent, Ct);

        var parked = await pair.OnPrem.Queues.BrowseAsync("DLQ." + forbidden, Ct);
        Assert.Equal(["poison-0", "poison-1", "poison-2"], parked.Select(Messages.Text));
        Assert.All(parked, p =>
        {
            Assert.StartsWith("target refused it 2 time(s): ", p.Headers["fwd_park_reason"], StringComparison.Ordinal);
            Assert.Contains("not authorized", p.Headers["fwd_park_reason"], StringComparison.OrdinalIgnoreCase);
            Assert.Equal(forbidden, p.Headers["fwd_origin_queue"]);
            Assert.Equal("true", p.Headers["persistent"]);
        });
        Assert.Contains("Parked message", agent.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PasswordFileRotatedWhileTargetReconnects_WarnsRetriesAndPicksUpTheNewFile()
    {
        var queue = OkQueue();
        var passwordFile = Path.Combine(Path.GetTempPath(), "fwd-it-rotated-" + Guid.NewGuid().ToString("N")[..8]);
        await File.WriteAllTextAsync(passwordFile, BrokerPairFixture.CloudPassword + "\n", Ct);
        var args = Link.RunArgs(pair, "--include", queue);
        args[args.IndexOf("--target-password-file") + 1] = passwordFile;
        // Short backoff: the rotation below spans a few reconnect attempts, not minutes of them.
        var env = new Dictionary<string, string> { ["Forwarder__ReconnectMaxDelay"] = "00:00:02" };
        try
        {
            await using var agent = AgentProcess.Start(args, env);
            await Messages.SendAsync(pair.OnPrem, queue, 20, Ct);
            await Messages.WaitForCountAsync(pair.Cloud, queue, 20, agent, Ct);

            // The target goes away and the agent reconnects while the file is first missing, then empty.
            File.Delete(passwordFile);
            await pair.Cloud.StopAsync(Ct);
            await Messages.SendAsync(pair.OnPrem, queue, 20, Ct);
            await pair.Cloud.StartAgainAsync(Ct);
            await Messages.WaitForOutputAsync(agent, $"password file '{passwordFile}' cannot be used (being rotated?)", Ct);
            await File.WriteAllTextAsync(passwordFile, string.Empty, Ct);
            await Messages.WaitForOutputAsync(agent, "cannot be used (being rotated?): it is empty", Ct);
            await File.WriteAllTextAsync(passwordFile, BrokerPairFixture.CloudPassword + "\n", Ct);

            await Messages.WaitForCountAsync(pair.Cloud, queue, 40, agent, Ct, seconds: 90);
            Assert.Contains($"password file '{passwordFile}' cannot be used (being rotated?): Could not find file", agent.StdOut, StringComparison.Ordinal);
            Assert.Contains("cannot be used (being rotated?): it is empty", agent.StdOut, StringComparison.Ordinal);
            await agent.StopCleanlyAsync(Ct);
            Assert.Contains("Stopped; 40 forwarded, 0 parked since start", agent.StdOut, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(passwordFile);
            if (!pair.Cloud.IsRunning)
            {
                await pair.Cloud.StartAgainAsync(CancellationToken.None);
            }
        }
    }

    [Fact]
    public async Task Run_TargetRefusesOneQueue_OtherQueueFlowsDuringItsBackoff()
    {
        var ok = OkQueue();
        var forbidden = "Forbidden." + Guid.NewGuid().ToString("N")[..8];
        await Messages.SendAsync(pair.OnPrem, forbidden, 1, Ct, prefix: "poison");
        var slowRetry = new Dictionary<string, string>
        {
            ["FORWARDER__ReconnectInitialDelay"] = "00:00:20",
            ["FORWARDER__ReconnectMaxDelay"] = "00:00:20",
        };

        await using var agent = AgentProcess.Start(Link.RunArgs(pair, "--include", forbidden, "--include", ok, "--max-attempts", "2"), slowRetry);
        await Messages.WaitForOutputAsync(agent, "Holding 1 message(s) of " + forbidden, Ct);
        Assert.Contains("Holding 1 message(s) of " + forbidden, agent.StdOut, StringComparison.Ordinal);

        // The refused queue waits 20 s before its next attempt; the other queue does not wait with it.
        await Messages.SendAsync(pair.OnPrem, ok, 10, Ct);
        await Messages.WaitForCountAsync(pair.Cloud, ok, 10, agent, Ct, seconds: 15);
        Assert.DoesNotContain("Parked message", agent.StdOut, StringComparison.Ordinal);

        await Messages.WaitForCountAsync(pair.OnPrem, "DLQ." + forbidden, 1, agent, Ct);
        Assert.Equal(0, await pair.OnPrem.Queues.CountAsync(forbidden, Ct));
    }

    [Fact]
    public async Task Run_RefusedQueueOfBigMessagesOverHalfTheByteBudget_ParksTheExcessOtherQueueFlows()
    {
        var ok = OkQueue();
        var forbidden = "Forbidden." + Guid.NewGuid().ToString("N")[..8];
        await using (var client = await pair.OnPrem.ConnectStompAsync(Ct))
        {
            for (var i = 0; i < 6; i++)
            {
                await client.SendAsync("/queue/" + forbidden, [new("persistent", "true")], new byte[1024 * 1024], new StompSendOptions { ContentLength = true }, Ct);
            }
        }

        var slowRetry = new Dictionary<string, string> { ["FORWARDER__ReconnectInitialDelay"] = "00:00:20", ["FORWARDER__ReconnectMaxDelay"] = "00:00:20" };
        var args = Link.RunArgs(pair, "--include", forbidden, "--include", ok, "--max-attempts", "2", "--in-flight-bytes", "4194304");
        await using var agent = AgentProcess.Start(args, slowRetry);
        await Messages.WaitForOutputAsync(agent, "Holding ", Ct);

        // 6 MiB held would fill the 4 MiB budget and stop the shared source connection for the 20 s backoff and more.
        await Messages.SendAsync(pair.OnPrem, ok, 10, Ct);
        await Messages.WaitForCountAsync(pair.Cloud, ok, 10, agent, Ct, seconds: 15);
        Assert.Equal(4, await pair.OnPrem.Queues.CountAsync("DLQ." + forbidden, Ct));

        // The two kept within 2 MiB are parked after their own attempts.
        await Messages.WaitForCountAsync(pair.OnPrem, "DLQ." + forbidden, 6, agent, Ct, seconds: 90);
        Assert.Equal(0, await pair.OnPrem.Queues.CountAsync(forbidden, Ct));
    }

    [Fact]
    public async Task Run_MessageAboveMaxMessageBytes_ParkedWithoutBeingSent()
    {
        var ok = OkQueue();
        await using (var client = await pair.OnPrem.ConnectStompAsync(Ct))
        {
            await client.SendAsync("/queue/" + ok, [new("persistent", "true")], new byte[4000], new StompSendOptions { ContentLength = true }, Ct);
            await client.SendAsync("/queue/" + ok, [new("persistent", "true")], "small"u8.ToArray(), cancellationToken: Ct);
        }

        await using var agent = AgentProcess.Start(Link.RunArgs(pair, "--include", ok, "--max-message-bytes", "2000"));
        await Messages.WaitForCountAsync(pair.OnPrem, "DLQ." + ok, 1, agent, Ct);
        await Messages.WaitForCountAsync(pair.Cloud, ok, 1, agent, Ct);

        var parked = Assert.Single(await pair.OnPrem.Queues.BrowseAsync("DLQ." + ok, Ct));
        Assert.Equal(4000, parked.Body.Length);
        Assert.Contains("above MaxMessageBytes=2000", parked.Headers["fwd_park_reason"], StringComparison.Ordinal);
        Assert.Equal(["small"], (await pair.Cloud.Queues.BrowseAsync(ok, Ct)).Select(Messages.Text));
        Assert.DoesNotContain("Target refused", agent.StdOut, StringComparison.Ordinal);
    }
}
