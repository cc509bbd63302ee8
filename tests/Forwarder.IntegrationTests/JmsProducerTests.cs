namespace Forwarder.IntegrationTests;

/// <summary>
/// Messages a JMS client sends over OpenWire (the producers in <c>Java/</c>) as ActiveMQ hands them to STOMP: map and
/// object bodies, a property named content-length, a property too long for one header line.
/// </summary>
[Collection(BrokerPairDefinition.Name)]
public sealed class JmsProducerTests(BrokerPairFixture pair)
{
    [Fact]
    public async Task Run_MapAndObjectMessages_ArriveAsLabelledJsonTextAndEmptyTextStaysText()
    {
        var queue = BrokerPairFixture.UniqueQueue("Maps");
        await using var agent = await ProduceAndForwardAsync("MapProducer", queue, 4);
        var arrived = await pair.Cloud.Queues.DrainAsync(queue, 4, TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(["map", "object", "empty", "text"], arrived.Select(m => m.Headers["kind"]));
        var map = arrived[0];
        Assert.Equal("jms-map-json", map.Headers["fwd_body_kind"]);
        Assert.False(map.HasContentLength);
        var json = Encoding.UTF8.GetString(map.Body.Span);
        Assert.Contains("\"mInt\"", json, StringComparison.Ordinal);
        Assert.Contains("9007199254740993", json, StringComparison.Ordinal);
        Assert.Contains("map value ü", json, StringComparison.Ordinal);
        Assert.Equal("jms-object-json", arrived[1].Headers["fwd_body_kind"]);
        Assert.Contains("serialized string", Encoding.UTF8.GetString(arrived[1].Body.Span), StringComparison.Ordinal);
        Assert.True(arrived[2].Body.IsEmpty);
        Assert.False(arrived[2].Headers.Contains("fwd_body_kind"));
        Assert.Equal("after", Encoding.UTF8.GetString(arrived[3].Body.Span));
        Assert.All(arrived, m => Assert.False(m.Headers.Contains("transformation")));
    }

    /// <summary>A JMS property named content-length, which ActiveMQ writes over the STOMP header of that name.</summary>
    [Fact]
    public async Task Run_ContentLengthProperty_TextForwardedWithTheClaimAsDataAndBytesKeepTheirLength()
    {
        var queue = BrokerPairFixture.UniqueQueue("ContentLength");
        await using var agent = await ProduceAndForwardAsync("ContentLengthProducer", queue, 5);
        await agent.StopCleanlyAsync(Ct);

        var arrived = await pair.Cloud.Queues.DrainAsync(queue, 5, TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(5, arrived.Count);
        var texts = arrived.Take(3).ToList();
        Assert.All(texts, m => Assert.Equal("hello world", Messages.Text(m)));
        // Text stays text; the claim travels as data.
        Assert.All(texts, m => Assert.False(m.HasContentLength));
        Assert.Equal(["5", "abc", "20"], texts.Select(m => m.Headers["fwd_prop_content-length"]));
        // ActiveMQ writes a BytesMessage's own length after the properties: the bytes arrive whole.
        Assert.Equal(new byte[] { 1, 0, 2, 0, 3 }, arrived[3].Body.ToArray());
        Assert.True(arrived[3].HasContentLength);
        Assert.Equal("after", Messages.Text(arrived[4]));
        Assert.Equal(0, await pair.OnPrem.Queues.CountAsync("DLQ." + queue, Ct));
        // One connection to the source throughout: the frames did not break it.
        Assert.DoesNotContain("Source connection lost", agent.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ForgedContentLengthOnTheLastMessage_ForwardedWithinSecondsNotStalled()
    {
        // A text message whose content-length property (1000) is larger than its body, and nothing after it: the
        // agent must not wait for 1000 bytes (heart-beats add one a period); its probe proves the length forged.
        var queue = BrokerPairFixture.UniqueQueue("ContentLengthLast");
        await MapProducer.RunAsync("ContentLengthProducer", pair.OnPrem.OpenWireUri, queue, ["last-forged"], Ct);

        await using var agent = AgentProcess.Start(Link.RunArgs(pair, "--include", queue));
        await Messages.WaitForOutputAsync(agent, "Subscribed to /queue/" + queue, Ct);
        await Messages.WaitForCountAsync(pair.Cloud, queue, 1, agent, Ct, seconds: 5);
        await agent.StopCleanlyAsync(Ct);

        var arrived = Assert.Single(await pair.Cloud.Queues.DrainAsync(queue, 1, TimeSpan.FromSeconds(5), Ct));
        Assert.Equal("hello world", Messages.Text(arrived));
        Assert.False(arrived.HasContentLength);
        Assert.Equal("1000", arrived.Headers["fwd_prop_content-length"]);
        Assert.Equal(0, await pair.OnPrem.Queues.CountAsync(queue, Ct));
        Assert.Equal(0, await pair.OnPrem.Queues.CountAsync("DLQ." + queue, Ct));
        Assert.DoesNotContain("Source connection lost", agent.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(12 * 1024)] // skipped as it streams in, never held whole
    public async Task Run_JmsPropertyOverTheHeaderLimit_ParkedWithoutTheHeaderAndTheNextMessagesFlow(int kib)
    {
        var queue = BrokerPairFixture.UniqueQueue("Oversized");
        // ActiveMQ takes a long property over OpenWire and writes it as one STOMP header line of about that length.
        await using var agent = await ProduceAndForwardAsync("LongPropertyProducer", queue, 2, kib.ToString(CultureInfo.InvariantCulture));
        await Messages.WaitForCountAsync(pair.OnPrem, "DLQ." + queue, 1, agent, Ct);
        await agent.StopCleanlyAsync(Ct);

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

    /// <summary>
    /// Runs <c>Java/&lt;producer&gt;.java</c> onto <paramref name="queue"/>, then an agent until
    /// <paramref name="forwarded"/> messages are on the cloud broker.
    /// </summary>
    private async Task<AgentProcess> ProduceAndForwardAsync(string producer, string queue, int forwarded, params string[] arguments)
    {
        await MapProducer.RunAsync(producer, pair.OnPrem.OpenWireUri, queue, arguments, Ct);
        return await pair.StartForwardingAsync(queue, forwarded, Ct);
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
