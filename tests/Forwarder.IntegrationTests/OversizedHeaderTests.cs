namespace Forwarder.IntegrationTests;

[Collection(BrokerPairDefinition.Name)]
public sealed class OversizedHeaderTests(BrokerPairFixture pair)
{
    [Fact]
    public async Task Run_JmsPropertyOverTheHeaderLimit_ParkedWithoutTheHeaderAndTheNextMessagesFlow()
    {
        var queue = BrokerPairFixture.UniqueQueue("Oversized");
        // ActiveMQ takes a 20 KiB property over OpenWire and writes it as one STOMP header line of about 20 KiB.
        await MapProducer.RunAsync("LongPropertyProducer", pair.OnPrem.OpenWireUri, queue, Ct);

        await using var agent = AgentProcess.Start(Link.RunArgs(pair, "--include", queue));
        await Messages.WaitForCountAsync(pair.Cloud, queue, 2, agent, Ct);
        await Messages.WaitForCountAsync(pair.OnPrem, "DLQ." + queue, 1, agent, Ct);
        agent.Terminate();
        Assert.Equal(0, await agent.WaitForExitAsync(TimeSpan.FromSeconds(30), Ct));

        var arrived = await pair.Cloud.Queues.DrainAsync(queue, 2, TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(["before", "after"], arrived.Select(Messages.Text));
        var parked = Assert.Single(await pair.OnPrem.Queues.DrainAsync("DLQ." + queue, 1, TimeSpan.FromSeconds(5), Ct));
        Assert.Equal("long", Messages.Text(parked));
        Assert.Equal("yes", parked.Headers["kept"]);
        Assert.False(parked.Headers.Contains("big"));
        Assert.Contains("big (", parked.Headers["fwd_park_reason"], StringComparison.Ordinal);
        Assert.Equal(0, await pair.OnPrem.Queues.CountAsync(queue, Ct));
        // One connection to the source throughout: the long header did not close it.
        Assert.Equal(1, CountOf(agent.StdOut, "Source connected"));
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
