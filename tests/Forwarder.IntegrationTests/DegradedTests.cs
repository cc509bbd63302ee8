namespace Forwarder.IntegrationTests;

public sealed class DegradedTests(DegradedFixture pair) : IClassFixture<DegradedFixture>
{
    [Fact]
    public async Task Run_SourceWithoutJars_WarnsForwardsTextAndDeadLettersMapWithContent()
    {
        var source = pair.OnPrem;
        var queue = BrokerPairFixture.UniqueQueue("NoJars");
        await MapProducer.SendAsync(source.OpenWireUri, queue, Ct);

        await using var agent = await pair.StartForwardingAsync(queue, 1, Ct);
        var arrived = await pair.Cloud.Queues.DrainAsync(queue, 4, TimeSpan.FromSeconds(3), Ct);

        // Only the non-empty text could be forwarded; map, object and the empty text are indistinguishable.
        Assert.Equal(["after"], arrived.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.Contains("CANNOT RENDER MAP/OBJECT MESSAGES", agent.StdOut, StringComparison.Ordinal);
        Assert.Contains("Dead-lettered message", agent.StdOut, StringComparison.Ordinal);

        // The NACK put the complete originals on the broker's dead-letter queue (DLQ.<queue> on this broker).
        var client = await StompClient.ConnectAsync(new StompClientOptions { Endpoint = source.StompUri }, null, Ct);
        await using (client)
        {
            await using var dlq = await client.SubscribeAsync("/queue/DLQ." + queue, new StompSubscribeOptions { AckMode = StompAckMode.Auto }, Ct);
            var kinds = new List<string>();
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            wait.CancelAfter(TimeSpan.FromSeconds(10));
            while (kinds.Count < 3)
            {
                var m = await dlq.Reader.ReadAsync(wait.Token);
                kinds.Add(m.Headers["kind"]);
            }

            Assert.Equal(["map", "object", "empty"], kinds);
        }
    }
}
