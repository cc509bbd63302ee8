namespace Forwarder.IntegrationTests;

[Collection(BrokerPairDefinition.Name)]
public sealed class WildcardTests(BrokerPairFixture pair)
{
    [Fact]
    public async Task Run_WildcardOverlappingExclude_DiscoversQueuesForwardsIncludedOnly()
    {
        var root = BrokerPairFixture.UniqueQueue("Wild");
        await Messages.SendAsync(pair.OnPrem, $"{root}.A", 3, Ct);
        await Messages.SendAsync(pair.OnPrem, $"{root}.B.X", 2, Ct);
        await Messages.SendAsync(pair.OnPrem, $"{root}.Internal", 4, Ct);

        await using var agent = AgentProcess.Start(Link.RunArgs(pair, "--include", $"{root}.>", "--exclude", $"{root}.Internal"));
        await Messages.WaitForCountAsync(pair.Cloud, $"{root}.A", 3, agent, Ct);
        await Messages.WaitForCountAsync(pair.Cloud, $"{root}.B.X", 2, agent, Ct);

        // A queue created while the agent runs is picked up (advisory topic).
        await Messages.SendAsync(pair.OnPrem, $"{root}.C", 2, Ct);
        await Messages.WaitForCountAsync(pair.Cloud, $"{root}.C", 2, agent, Ct);

        Assert.Equal(4, await pair.OnPrem.Queues.CountAsync($"{root}.Internal", Ct));
        Assert.Equal(0, await pair.Cloud.Queues.CountAsync($"{root}.Internal", Ct));
        Assert.Equal(0, (await pair.OnPrem.Queues.StatisticsAsync($"{root}.Internal", Ct))["consumerCount"]);
        Assert.Contains("Discovered queue", agent.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WildcardWithoutOverlap_SubscribesToWildcardAndKeepsQueueNames()
    {
        var root = BrokerPairFixture.UniqueQueue("Direct");
        await Messages.SendAsync(pair.OnPrem, $"{root}.One", 2, Ct);
        await Messages.SendAsync(pair.OnPrem, $"{root}.Two.Deep", 3, Ct);

        await using var agent = AgentProcess.Start(Link.RunArgs(pair, "--include", $"{root}.>"));
        await Messages.WaitForCountAsync(pair.Cloud, $"{root}.One", 2, agent, Ct);
        await Messages.WaitForCountAsync(pair.Cloud, $"{root}.Two.Deep", 3, agent, Ct);

        Assert.Contains($"Subscribed to /queue/{root}.>", agent.StdOut, StringComparison.Ordinal);
        var arrived = await pair.Cloud.Queues.DrainAsync($"{root}.Two.Deep", 3, TimeSpan.FromSeconds(5), Ct);
        Assert.All(arrived, m => Assert.Equal($"{root}.Two.Deep", m.Headers["fwd_origin_queue"]));
    }
}
