namespace Forwarder.IntegrationTests;

[Collection(BrokerPairDefinition.Name)]
public sealed class MapMessageTests(BrokerPairFixture pair)
{
    [Fact]
    public async Task Run_MapAndObjectMessages_ArriveAsLabelledJsonTextAndEmptyTextStaysText()
    {
        var queue = BrokerPairFixture.UniqueQueue("Maps");
        await MapProducer.SendAsync(pair.OnPrem.OpenWireUri, queue, Ct);

        await using var agent = AgentProcess.Start(Link.RunArgs(pair, "--include", queue));
        await Messages.WaitForCountAsync(pair.Cloud, queue, 4, agent, Ct);
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
}
