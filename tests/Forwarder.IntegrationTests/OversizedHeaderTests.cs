namespace Forwarder.IntegrationTests;

[Collection(BrokerPairDefinition.Name)]
public sealed class OversizedHeaderTests(BrokerPairFixture pair)
{
    [Theory]
    [InlineData(20)]
    [InlineData(12 * 1024)] // skipped as it streams in, never held whole
    public async Task Run_JmsPropertyOverTheHeaderLimit_ParkedWithoutTheHeaderAndTheNextMessagesFlow(int kib)
    {
        var queue = BrokerPairFixture.UniqueQueue("Oversized");
        // ActiveMQ takes a long property over OpenWire and writes it as one STOMP header line of about that length.
        await MapProducer.RunAsync("LongPropertyProducer", pair.OnPrem.OpenWireUri, queue, [kib.ToString(CultureInfo.InvariantCulture)], Ct);

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

    [Fact]
    public async Task Subscribe_HeaderLineLongerThanTheBodyLimit_SkippedAndTheConnectionKept()
    {
        // The client's body limit below the line: a line was buffered up to that limit, then failed the connection
        // (and the broker redelivered the message first, forever). Now it streams past, named in DroppedHeaders.
        var queue = BrokerPairFixture.UniqueQueue("OversizedClient");
        await MapProducer.RunAsync("LongPropertyProducer", pair.OnPrem.OpenWireUri, queue, ["4096"], Ct);
        await using var client = await StompClient.ConnectAsync(pair.OnPrem.StompOptions() with { MaxBodyBytes = 1024 * 1024 }, null, Ct);
        await using var subscription = await client.SubscribeAsync("/queue/" + queue, new StompSubscribeOptions { Prefetch = 10 }, Ct);

        var received = new List<StompMessage>();
        await foreach (var message in subscription.ReadAllAsync(Ct))
        {
            received.Add(message);
            await message.AckAsync(Ct);
            if (received.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(["before", "long", "after"], received.Select(Messages.Text));
        Assert.Equal(["big (4194308 bytes)"], received[1].DroppedHeaders);
        Assert.Equal("yes", received[1].Headers["kept"]);
        Assert.True(client.IsConnected);
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
