namespace Forwarder.IntegrationTests;

/// <summary>A JMS property named content-length, which ActiveMQ writes over the STOMP header of that name.</summary>
[Collection(BrokerPairDefinition.Name)]
public sealed class ContentLengthPropertyTests(BrokerPairFixture pair)
{
    [Fact]
    public async Task Run_ContentLengthProperty_TextForwardedWithTheClaimAsDataAndBytesKeepTheirLength()
    {
        var queue = BrokerPairFixture.UniqueQueue("ContentLength");
        await MapProducer.RunAsync("ContentLengthProducer", pair.OnPrem.OpenWireUri, queue, Ct);

        await using var agent = AgentProcess.Start(Link.RunArgs(pair, "--include", queue));
        await Messages.WaitForCountAsync(pair.Cloud, queue, 5, agent, Ct);
        agent.Terminate();
        Assert.Equal(0, await agent.WaitForExitAsync(TimeSpan.FromSeconds(30), Ct));

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
        agent.Terminate();
        Assert.Equal(0, await agent.WaitForExitAsync(TimeSpan.FromSeconds(30), Ct));

        var arrived = Assert.Single(await pair.Cloud.Queues.DrainAsync(queue, 1, TimeSpan.FromSeconds(5), Ct));
        Assert.Equal("hello world", Messages.Text(arrived));
        Assert.False(arrived.HasContentLength);
        Assert.Equal("1000", arrived.Headers["fwd_prop_content-length"]);
        Assert.Equal(0, await pair.OnPrem.Queues.CountAsync(queue, Ct));
        Assert.Equal(0, await pair.OnPrem.Queues.CountAsync("DLQ." + queue, Ct));
        Assert.DoesNotContain("Source connection lost", agent.StdOut, StringComparison.Ordinal);
    }
}
