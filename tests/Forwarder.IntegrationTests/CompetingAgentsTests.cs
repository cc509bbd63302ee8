namespace Forwarder.IntegrationTests;

[Collection(BrokerPairDefinition.Name)]
public sealed class CompetingAgentsTests(BrokerPairFixture pair)
{
    [Fact]
    public async Task Run_TwoAgentsOnOneQueue_ShareTheWorkNoLossNoDuplicatesOrderPerAgent()
    {
        var queue = BrokerPairFixture.UniqueQueue("Competing");
        const int Total = 600;
        string[] names = ["Q:onprem->cloud-a", "Q:onprem->cloud-b"];

        // A modest prefetch, so that ActiveMQ cannot hand the whole queue to whichever agent subscribed first.
        await using var first = AgentProcess.Start(Args(names[0], queue));
        await using var second = AgentProcess.Start(Args(names[1], queue));
        AgentProcess[] agents = [first, second];
        await WaitForConsumersAsync(queue, 2, agents, Ct);

        await Messages.SendAsync(pair.OnPrem, queue, Total, Ct);
        await Messages.WaitForCountAsync(pair.Cloud, queue, Total, first, Ct);
        await Messages.WaitForCountAsync(pair.OnPrem, queue, 0, second, Ct);
        foreach (var agent in agents)
        {
            await agent.StopCleanlyAsync(Ct);
        }

        var arrived = await pair.Cloud.Queues.DrainAsync(queue, Total + 1, TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(0, await pair.OnPrem.Queues.CountAsync(queue, Ct));

        // No crash, so exactly one copy of each message: none lost, none twice.
        Assert.Equal(Total, arrived.Count);
        Assert.Equal(Total, arrived.Select(m => m.Headers["fwd_origin_id"]).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, Total).Select(i => $"m-{i}").Order(StringComparer.Ordinal), arrived.Select(Messages.Text).Order(StringComparer.Ordinal));

        // Both agents forwarded a share, and each one's messages kept their send order.
        var byAgent = arrived.GroupBy(m => m.Headers["fwd_link"]).ToDictionary(g => g.Key, g => g.Select(Seq).ToList());
        Assert.Equal(names, byAgent.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, seqs) in byAgent)
        {
            Assert.True(seqs.SequenceEqual(seqs.Order()), $"agent '{name}' forwarded {seqs.Count} messages out of send order: {string.Join(',', seqs)}");
        }
    }

    private List<string> Args(string name, string queue)
    {
        var args = Link.RunArgs(pair, "--include", queue, "--prefetch", "20", "--batch-size", "10");
        args[args.IndexOf("--name") + 1] = name;
        return args;
    }

    private static int Seq(Stomp.StompMessage m) => int.Parse(m.Headers["seq"], CultureInfo.InvariantCulture);

    private async Task WaitForConsumersAsync(string queue, long expected, AgentProcess[] agents, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long consumers;
        while ((consumers = (await pair.OnPrem.Queues.StatisticsAsync(queue, cancellationToken)).GetValueOrDefault("consumerCount")) < expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{consumers} of {expected} agents subscribed to '{queue}' within 30 s:\n{string.Join("\n---\n", agents.Select(a => a.StdOut + a.StdErr))}");
            await Task.Delay(100, cancellationToken);
        }
    }
}
