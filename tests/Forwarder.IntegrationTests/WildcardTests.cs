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

    /// <summary>
    /// ActiveMQ's <c>&gt;</c> also matches the name before it, so <c>X.&gt;</c> with <c>X</c> excluded must not be
    /// subscribed directly. Started several times over waiting messages: every start forwards all of <c>X.A</c>
    /// and never consumes <c>X</c>, even with a queue named <c>X.&gt;</c> announced (what ActiveMQ 5.17 creates
    /// for a wildcard SUBSCRIBE with a receipt).
    /// </summary>
    [Fact]
    public async Task Run_GreaterThanOverExcludedParent_EveryStartForwardsChildrenOnly()
    {
        for (var round = 0; round < 5; round++)
        {
            var root = BrokerPairFixture.UniqueQueue("Parent");
            await using (var client = await pair.OnPrem.ConnectStompAsync(Ct))
            {
                // A SUBSCRIBE with a receipt (the default) makes the broker create and announce queue "<root>.>".
                await using var wildcard = await client.SubscribeAsync($"/queue/{root}.>", cancellationToken: Ct);
            }

            await Messages.SendAsync(pair.OnPrem, root, 5, Ct);
            await Messages.SendAsync(pair.OnPrem, $"{root}.A", 5, Ct);

            await using var agent = AgentProcess.Start(Link.RunArgs(pair, "--include", $"{root}.>", "--exclude", root));
            await Messages.WaitForCountAsync(pair.Cloud, $"{root}.A", 5, agent, Ct, seconds: 20);

            Assert.Equal(0, await pair.OnPrem.Queues.CountAsync($"{root}.A", Ct));
            Assert.Equal(5, await pair.OnPrem.Queues.CountAsync(root, Ct));
            var excluded = await pair.OnPrem.Queues.StatisticsAsync(root, Ct);
            Assert.Equal(0, excluded["consumerCount"]);
            Assert.Equal(0, excluded["dequeueCount"]);
            Assert.Equal(0, await pair.Cloud.Queues.CountAsync(root, Ct));
            Assert.DoesNotContain($"Subscribed to /queue/{root}.>", agent.StdOut, StringComparison.Ordinal);
            Assert.Contains($"Ignored queue {root}.>", agent.StdOut, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A wildcard subscription made with a receipt gets none of the messages already stored on ActiveMQ 5.17 until
    /// something else wakes each queue (measured: nothing for 25 s in 3 of 5 starts). Every start must forward them.
    /// </summary>
    [Fact]
    public async Task Run_WildcardWithoutOverlap_EveryStartForwardsWaitingMessages()
    {
        for (var round = 0; round < 5; round++)
        {
            var root = BrokerPairFixture.UniqueQueue("Waiting");
            await Messages.SendAsync(pair.OnPrem, root, 5, Ct);
            await Messages.SendAsync(pair.OnPrem, $"{root}.A", 5, Ct);

            await using var agent = AgentProcess.Start(Link.RunArgs(pair, "--include", $"{root}.>"));
            await Messages.WaitForCountAsync(pair.Cloud, $"{root}.A", 5, agent, Ct, seconds: 15);
            await Messages.WaitForCountAsync(pair.Cloud, root, 5, agent, Ct, seconds: 15);

            Assert.Contains($"Subscribed to /queue/{root}.>", agent.StdOut, StringComparison.Ordinal);
        }
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
