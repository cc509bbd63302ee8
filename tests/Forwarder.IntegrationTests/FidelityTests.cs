namespace Forwarder.IntegrationTests;

[Collection(BrokerPairDefinition.Name)]
public sealed class FidelityTests(BrokerPairFixture pair)
{
    private static readonly HashSet<string> PerDelivery = ["message-id", "destination", "subscription", "ack", "redelivered"];

    [Fact]
    public async Task Run_JmsTextAndBytesWithEveryHeader_ArriveIdenticalWithProvenance()
    {
        var queue = BrokerPairFixture.UniqueQueue("Fidelity");
        await LegacyProducer.SendAsync(pair.OnPrem.OpenWireUri, queue, 8, Ct);
        var sources = await pair.OnPrem.Queues.BrowseAsync(queue, Ct);
        Assert.Equal(8, sources.Count);
        var started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await using var agent = await pair.StartForwardingAsync(queue, 8, Ct);
        await agent.StopCleanlyAsync(Ct);

        var arrived = await pair.Cloud.Queues.DrainAsync(queue, 8, TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(8, arrived.Count);
        Assert.Equal(0, await pair.OnPrem.Queues.CountAsync(queue, Ct));
        // Order within the queue is kept.
        Assert.Equal(sources.Select(s => s.MessageId), arrived.Select(a => a.Headers["fwd_origin_id"]));
        foreach (var (source, target) in sources.Zip(arrived))
        {
            Assert.Equal(source.Body.ToArray(), target.Body.ToArray());
            Assert.Equal(source.HasContentLength, target.HasContentLength);
            foreach (var (name, value) in source.Headers.Where(h => !PerDelivery.Contains(h.Key)))
            {
                Assert.True(target.Headers.TryGetValue(name, out var got), $"header '{name}' missing on the target copy of {source.MessageId}");
                Assert.Equal(value, got);
            }

            // PersistentDelivery (default true): the non-persistent sources arrive persistent.
            Assert.Equal("true", target.Headers["persistent"]);
            Assert.Equal(queue, target.Headers["fwd_origin_queue"]);
            Assert.Equal(Link.Name, target.Headers["fwd_link"]);
            Assert.Equal("1", target.Headers["fwd_hops"]);
            Assert.InRange(long.Parse(target.Headers["fwd_time"], System.Globalization.CultureInfo.InvariantCulture), started, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }

        // The JMS producer's text carries U+1F680 as modified UTF-8; it must still be there, byte for byte.
        Assert.Contains(arrived, a => !a.HasContentLength && a.Body.Span.IndexOf(new byte[] { 0xED, 0xA0, 0xBD, 0xED, 0xBA, 0x80 }) >= 0);
        Assert.Contains(arrived, a => a.HasContentLength);
    }
}
