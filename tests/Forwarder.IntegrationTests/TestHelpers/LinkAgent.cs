namespace Forwarder.IntegrationTests.TestHelpers;

/// <summary>One agent on the fixture's link, the way most tests run it.</summary>
internal static class LinkAgent
{
    /// <summary>
    /// Starts an agent that forwards <paramref name="queue"/> and waits until <paramref name="count"/> messages are on
    /// the cloud broker; the caller disposes the agent.
    /// </summary>
    public static async Task<AgentProcess> StartForwardingAsync(this BrokerPairFixture pair, string queue, int count, CancellationToken cancellationToken)
    {
        var agent = AgentProcess.Start(Link.RunArgs(pair, "--include", queue));
        try
        {
            await Messages.WaitForCountAsync(pair.Cloud, queue, count, agent, cancellationToken);
            return agent;
        }
        catch
        {
            // The caller never gets the agent: end it here, as its `await using` would have.
            await agent.DisposeAsync();
            throw;
        }
    }

    /// <summary>Forwards the <paramref name="count"/> messages waiting on <paramref name="queue"/> with one agent; drains them from the cloud.</summary>
    public static async Task<IReadOnlyList<StompMessage>> ForwardAsync(this BrokerPairFixture pair, string queue, int count, CancellationToken cancellationToken)
    {
        await using var agent = await pair.StartForwardingAsync(queue, count, cancellationToken);
        var arrived = await pair.Cloud.Queues.DrainAsync(queue, count, TimeSpan.FromSeconds(5), cancellationToken);
        Assert.Equal(count, arrived.Count);
        Assert.Equal(0, await pair.OnPrem.Queues.CountAsync(queue, cancellationToken));
        return arrived;
    }

    /// <summary>SIGTERM, as systemd stops the service, and the agent exits 0 within 30 s.</summary>
    public static async Task StopCleanlyAsync(this AgentProcess agent, CancellationToken cancellationToken)
    {
        agent.Terminate();
        Assert.Equal(0, await agent.WaitForExitAsync(TimeSpan.FromSeconds(30), cancellationToken));
    }
}
