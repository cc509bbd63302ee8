namespace Forwarder.IntegrationTests;

public sealed class StockBrokerTests(StockFixture pair) : IClassFixture<StockFixture>
{
    [Fact]
    public async Task Run_NonPersistentEmptyBodyOnStockBroker_ParkedNeverNackedNoneLost()
    {
        var queue = BrokerPairFixture.UniqueQueue("Stock");
        await using (var client = await pair.OnPrem.ConnectStompAsync(Ct))
        {
            // Non-persistent (no persistent header) and without content-length: a map/object message looks like this.
            await client.SendAsync("/queue/" + queue, [new("kind", "empty")], ReadOnlyMemory<byte>.Empty, cancellationToken: Ct);
            await client.SendAsync("/queue/" + queue, [new("kind", "text")], Encoding.UTF8.GetBytes("after"), cancellationToken: Ct);
        }

        await using var agent = await pair.StartForwardingAsync(queue, 1, Ct);
        // The stock broker cannot answer statistics (they need the jars): browse it instead.
        var parked = Assert.Single(await BrowseUntilAsync("DLQ." + queue, 1));
        Assert.Empty(await BrowseUntilAsync(queue, 0));
        Assert.Equal("empty", parked.Headers["kind"]);
        Assert.Contains("non-persistent", parked.Headers["fwd_park_reason"], StringComparison.Ordinal);
        Assert.Equal(["after"], (await pair.Cloud.Queues.BrowseAsync(queue, Ct)).Select(Messages.Text));
        Assert.DoesNotContain("Dead-lettered message", agent.StdOut, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<StompMessage>> BrowseUntilAsync(string queue, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        IReadOnlyList<StompMessage> messages;
        while ((messages = await pair.OnPrem.Queues.BrowseAsync(queue, Ct)).Count != count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, Ct);
        }

        return messages;
    }
}
