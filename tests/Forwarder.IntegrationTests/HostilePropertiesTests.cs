using Contract;

namespace Forwarder.IntegrationTests;

/// <summary>
/// ActiveMQ's own JMS client sets properties named like STOMP headers; ActiveMQ writes them over the headers
/// (forwarder/README.md, "Producer properties are data"). They must arrive as data, never decide queue, identity or durability, never stall the link.
/// </summary>
[Collection(BrokerPairDefinition.Name)]
public sealed class HostilePropertiesTests(BrokerPairFixture pair)
{
    private const string Renamed = ProvenanceProperties.RenamedPropertyPrefix;

    [Fact]
    public async Task Run_DestinationProperty_ForwardedToItsOwnQueueAsData()
    {
        var (queue, arrived) = await ForwardTwoAsync("HostileDest", LegacyProducer.Property("destination", "Hamburg"));

        Assert.All(arrived, m => Assert.Equal("Hamburg", m.Headers[Renamed + "destination"]));
        Assert.All(arrived, m => Assert.Equal(queue, m.Headers[ProvenanceProperties.OriginQueue]));
        Assert.Equal(0, await pair.Cloud.Queues.CountAsync("Hamburg", Ct));
    }

    [Fact]
    public async Task Run_DestinationPropertyOnDirectWildcard_ParkedOnPremNotForwarded()
    {
        var root = BrokerPairFixture.UniqueQueue("HostileWild");
        await LegacyProducer.SendAsync(pair.OnPrem.OpenWireUri, $"{root}.A", 2, LegacyProducer.Property("destination", "Hamburg"), Ct);
        await Messages.SendAsync(pair.OnPrem, $"{root}.A", 1, Ct);

        await using var agent = AgentProcess.Start(Link.RunArgs(pair, "--include", $"{root}.>"));
        await Messages.WaitForCountAsync(pair.Cloud, $"{root}.A", 1, agent, Ct);
        await Messages.WaitForCountAsync(pair.OnPrem, $"DLQ.{root}", 2, agent, Ct);

        var parked = await pair.OnPrem.Queues.DrainAsync($"DLQ.{root}", 2, TimeSpan.FromSeconds(5), Ct);
        Assert.All(parked, m => Assert.Equal("Hamburg", m.Headers[Renamed + "destination"]));
        Assert.All(parked, m => Assert.Contains("not a queue this link forwards", m.Headers[ProvenanceProperties.ParkReason], StringComparison.Ordinal));
        Assert.All(parked, m => Assert.Equal("true", m.Headers["persistent"]));
        Assert.Equal(0, await pair.Cloud.Queues.CountAsync("Hamburg", Ct));
        Assert.Equal(0, await pair.OnPrem.Queues.CountAsync($"{root}.A", Ct));
    }

    [Fact]
    public async Task Run_BytesBodyHoldingAMessageFrame_ParkedIntactThenSourceReconnected()
    {
        // What a content-length property reaching a later frame's NUL would make of two messages (JmsProducerTests
        // covers the shorter forgeries); here a genuine bytes message, which looks the same and is treated the same.
        var queue = BrokerPairFixture.UniqueQueue("HostileFrame");
        var body = "a2\0MESSAGE\nsubscription:1\nmessage-id:ID:h-1:1:1:1:3\nack:ID:h-1:1:1:1:3\n\na3"u8.ToArray();
        await Messages.SendAsync(pair.OnPrem, queue, 1, Ct);
        await using (var client = await pair.OnPrem.ConnectStompAsync(Ct))
        {
            await client.SendAsync("/queue/" + queue, [new("persistent", "true")], body, new StompSendOptions { ContentLength = true }, Ct);
        }

        await using var agent = AgentProcess.Start(Link.RunArgs(pair, "--include", queue));
        await Messages.WaitForCountAsync(pair.OnPrem, $"DLQ.{queue}", 1, agent, Ct);
        await Messages.WaitForOutputAsync(agent, "Reconnecting the source", Ct);
        await Messages.SendAsync(pair.OnPrem, queue, 1, Ct);
        await Messages.WaitForCountAsync(pair.Cloud, queue, 2, agent, Ct);

        var parked = Assert.Single(await pair.OnPrem.Queues.BrowseAsync($"DLQ.{queue}", Ct));
        Assert.Equal(body, parked.Body.ToArray());
        Assert.True(parked.HasContentLength);
        Assert.Contains("STOMP MESSAGE frame", parked.Headers[ProvenanceProperties.ParkReason], StringComparison.Ordinal);
        Assert.Equal(0, await pair.OnPrem.Queues.CountAsync(queue, Ct));
    }

    [Fact]
    public async Task Run_SameMessageIdProperty_DifferentOriginIds()
    {
        var (_, arrived) = await ForwardTwoAsync("HostileId", LegacyProducer.Property("message-id", "ORDER-1"));

        Assert.All(arrived, m => Assert.Equal("ORDER-1", m.Headers[Renamed + "message-id"]));
        Assert.All(arrived, m => Assert.Matches("^sha256:[0-9a-f]{64}$", m.Headers[ProvenanceProperties.OriginId]));
        Assert.Equal(2, arrived.Select(m => m.Headers[ProvenanceProperties.OriginId]).Distinct().Count());
    }

    [Fact]
    public async Task Run_NonPersistentAndPersistentFalseProperty_ArrivePersistent()
    {
        var (_, arrived) = await ForwardTwoAsync("HostileDurable", ["--non-persistent", .. LegacyProducer.Property("persistent", "false")]);

        Assert.All(arrived, m => Assert.Equal("true", m.Headers["persistent"]));
        Assert.All(arrived, m => Assert.Equal("false", m.Headers[Renamed + "persistent"]));
    }

    [Fact]
    public async Task Run_InvalidPriorityAndExpires_ForwardedAsDataWithoutStalling()
    {
        var queue = BrokerPairFixture.UniqueQueue("HostileValues");
        await LegacyProducer.SendAsync(
            pair.OnPrem.OpenWireUri, queue, 3, [.. LegacyProducer.Property("priority", "HIGH"), .. LegacyProducer.Property("expires", "tomorrow")], Ct);
        await Messages.SendAsync(pair.OnPrem, queue, 3, Ct);
        var started = TimeProvider.System.GetTimestamp();

        await using var agent = AgentProcess.Start(Link.RunArgs(pair, "--include", queue));
        await Messages.WaitForCountAsync(pair.Cloud, queue, 6, agent, Ct, seconds: 30);

        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.Zero, TimeSpan.FromSeconds(20));
        var arrived = await pair.Cloud.Queues.DrainAsync(queue, 6, TimeSpan.FromSeconds(5), Ct);
        var hostile = arrived.Where(m => m.Headers.Contains(Renamed + "priority")).ToList();
        Assert.Equal(3, hostile.Count);
        Assert.All(hostile, m => Assert.Equal(("HIGH", "tomorrow"), (m.Headers[Renamed + "priority"], m.Headers[Renamed + "expires"])));
        Assert.All(hostile, m => Assert.Equal("4", m.Headers["priority"]));
        Assert.All(hostile, m => Assert.Equal("0", m.Headers["expires"]));
        Assert.DoesNotContain("Target refused", agent.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UntrustedProducerProvenance_RenamedOrigFwd()
    {
        var queue = BrokerPairFixture.UniqueQueue("HostileProv");
        await LegacyProducer.SendAsync(pair.OnPrem.OpenWireUri, queue, 2, LegacyProducer.Property(ProvenanceProperties.OriginId, "SAME"), Ct);
        var sources = await pair.OnPrem.Queues.BrowseAsync(queue, Ct);

        var arrived = await pair.ForwardAsync(queue, 2, Ct);

        Assert.All(arrived, m => Assert.Equal("SAME", m.Headers["orig_fwd_origin_id"]));
        Assert.Equal(sources.Select(s => s.MessageId), arrived.Select(m => m.Headers[ProvenanceProperties.OriginId]));
    }

    /// <summary>Two messages from the JMS producer with <paramref name="producerArguments"/> on a fresh queue, forwarded by one agent.</summary>
    private async Task<(string Queue, IReadOnlyList<StompMessage> Arrived)> ForwardTwoAsync(string queuePrefix, string[] producerArguments)
    {
        var queue = BrokerPairFixture.UniqueQueue(queuePrefix);
        await LegacyProducer.SendAsync(pair.OnPrem.OpenWireUri, queue, 2, producerArguments, Ct);
        return (queue, await pair.ForwardAsync(queue, 2, Ct));
    }
}
