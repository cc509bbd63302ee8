using System.Text;

namespace Stomp.IntegrationTests;

[Collection(StompBrokerGroup.Name)]
public sealed class SendReceiveTests(StompBrokerFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SendAsync_TextAndBytes_ArriveByteExactAndDistinguishable()
    {
        var queue = "/queue/" + TestNames.UniqueQueue("Bodies");
        // Modified UTF-8 as ActiveMQ uses it: a surrogate pair in CESU-8 and NUL as C0 80 — must pass untouched.
        byte[] text = [.. "rocket "u8, 0xED, 0xA0, 0xBD, 0xED, 0xBA, 0x80, .. " nul "u8, 0xC0, 0x80, .. " ü"u8];
        byte[] bytes = [0x00, 0xFF, 0x01, 0x00, 0x0A, 0x0D, 0x3A, 0x5C, 0x00];
        await using var client = await fixture.ConnectAsync(Ct);

        await client.SendAsync(queue, [new("persistent", "true")], text, cancellationToken: Ct);
        await client.SendAsync(queue, [new("persistent", "true")], bytes, new StompSendOptions { ContentLength = true }, Ct);

        await using var sub = await client.SubscribeAsync(queue, cancellationToken: Ct);
        var first = await ReadAsync(sub, Ct);
        var second = await ReadAsync(sub, Ct);
        Assert.Equal(text, first.Body.ToArray());
        Assert.False(first.HasContentLength);
        Assert.Equal(bytes, second.Body.ToArray());
        Assert.True(second.HasContentLength);
        Assert.Equal(queue, first.Destination);
        Assert.Equal("true", first.Headers["persistent"]);
        await first.AckAsync(Ct);
        await second.AckAsync(Ct);
    }

    [Fact]
    public async Task SendAsync_TrickyHeaderValues_RoundTripUnescaped()
    {
        var queue = "/queue/" + TestNames.UniqueQueue("Headers");
        const string tricky = "k=v:w\nline2\r\\back\tTAB ü";
        await using var client = await fixture.ConnectAsync(Ct);

        await client.SendAsync(
            queue,
            [new("pTricky", tricky), new("correlation-id", "corr:1"), new("type", "legacy.text"), new("pLong", "9007199254740993")],
            "x"u8.ToArray(),
            cancellationToken: Ct);

        await using var sub = await client.SubscribeAsync(queue, cancellationToken: Ct);
        var m = await ReadAsync(sub, Ct);
        Assert.Equal(tricky, m.Headers["pTricky"]);
        Assert.Equal("corr:1", m.Headers["correlation-id"]);
        Assert.Equal("legacy.text", m.Headers["type"]);
        Assert.Equal("9007199254740993", m.Headers["pLong"]);
        Assert.Contains(m.Headers, h => h.Key == "message-id" && h.Value.StartsWith("ID:", StringComparison.Ordinal));
        await m.AckAsync(Ct);
    }

    [Fact]
    public async Task SendAsync_ThousandInFlight_AllReceiptsConfirmed()
    {
        var queueName = TestNames.UniqueQueue("Window");
        await using var client = await StompClient.ConnectAsync(fixture.ClientOptions with { MaxInFlightReceipts = 200 }, null, Ct);
        var body = Enumerable.Repeat((byte)'x', 1024).ToArray();

        var sends = Enumerable.Range(0, 1000)
            .Select(i => client.SendAsync(
                "/queue/" + queueName, [new("persistent", "true"), new("seq", i.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                body, cancellationToken: Ct))
            .ToList();
        await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.All(sends, s => Assert.True(s.IsCompletedSuccessfully));
        Assert.Equal(1000, await fixture.Broker.Queues.CountAsync(queueName, Ct));
        var drained = await fixture.Broker.Queues.DrainAsync(queueName, 1000, TimeSpan.FromSeconds(5), Ct);
        // Order within the queue is the send order.
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            drained.Select(m => m.Headers["seq"]));
    }

    [Fact]
    public async Task Transaction_CommitAndAbort_OnlyCommittedSendsArrive()
    {
        var queueName = TestNames.UniqueQueue("Tx");
        await using var client = await fixture.ConnectAsync(Ct);

        await using (var aborted = await client.BeginAsync(Ct))
        {
            for (var i = 0; i < 100; i++)
            {
                _ = aborted.SendAsync("/queue/" + queueName, [new("persistent", "true")], "aborted"u8.ToArray(), cancellationToken: Ct);
            }

            await aborted.AbortAsync(Ct);
        }

        await using (var committed = await client.BeginAsync(Ct))
        {
            for (var i = 0; i < 100; i++)
            {
                _ = committed.SendAsync("/queue/" + queueName, [new("persistent", "true")], "committed"u8.ToArray(), cancellationToken: Ct);
            }

            Assert.Equal(0, await fixture.Broker.Queues.CountAsync(queueName, Ct));
            await committed.CommitAsync(Ct);
        }

        Assert.Equal(100, await fixture.Broker.Queues.CountAsync(queueName, Ct));
        var browsed = await fixture.Broker.Queues.BrowseAsync(queueName, Ct);
        Assert.All(browsed, m => Assert.Equal("committed", Encoding.UTF8.GetString(m.Body.Span)));
    }

    [Fact]
    public async Task Subscribe_ClientIndividualWithPrefetch_BrokerWaitsForAcks()
    {
        var queue = "/queue/" + TestNames.UniqueQueue("Prefetch");
        await using var client = await fixture.ConnectAsync(Ct);
        await SendNumberedAsync(client, queue, 10);

        await using var sub = await client.SubscribeAsync(queue, new StompSubscribeOptions { Prefetch = 3 }, Ct);
        var got = new List<StompMessage>();
        for (var i = 0; i < 3; i++)
        {
            got.Add(await ReadAsync(sub, Ct));
        }

        await Task.Delay(500, Ct);
        Assert.False(sub.Reader.TryRead(out _), "the broker sent more than the prefetch window without an ACK");

        // Acknowledging the second (client-individual) frees one slot: exactly one more message arrives.
        await got[1].AckAsync(Ct);
        got.Add(await ReadAsync(sub, Ct));
        await Task.Delay(300, Ct);
        Assert.False(sub.Reader.TryRead(out _));
        Assert.Equal(["0", "1", "2", "3"], got.Select(m => m.Headers["seq"]));
    }

    [Fact]
    public async Task Unsubscribe_WithoutAck_MessagesRedeliveredMarked()
    {
        var queue = "/queue/" + TestNames.UniqueQueue("Redeliver");
        await using var client = await fixture.ConnectAsync(Ct);
        await SendNumberedAsync(client, queue, 3);

        await using (var first = await client.SubscribeAsync(queue, cancellationToken: Ct))
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.False((await ReadAsync(first, Ct)).Redelivered);
            }
        }

        await using var second = await client.SubscribeAsync(queue, cancellationToken: Ct);
        var again = new List<StompMessage>();
        for (var i = 0; i < 3; i++)
        {
            again.Add(await ReadAsync(second, Ct));
        }

        Assert.All(again, m => Assert.True(m.Redelivered));
        Assert.Equal(["0", "1", "2"], again.Select(m => m.Headers["seq"]));
        foreach (var m in again)
        {
            await m.AckAsync(Ct);
        }
    }

    [Fact]
    public async Task Nack_OnActiveMq_MovesMessageToDeadLetterQueue()
    {
        var queueName = TestNames.UniqueQueue("Nack");
        await using var client = await fixture.ConnectAsync(Ct);
        await client.SendAsync("/queue/" + queueName, [new("persistent", "true")], "poison"u8.ToArray(), cancellationToken: Ct);

        await using var sub = await client.SubscribeAsync("/queue/" + queueName, cancellationToken: Ct);
        var m = await ReadAsync(sub, Ct);
        await m.NackAsync(Ct);

        await fixture.Broker.Queues.WaitForCountAsync("DLQ." + queueName, 1, Wait, Ct);
        Assert.Equal(0, await fixture.Broker.Queues.CountAsync(queueName, Ct));
    }

    [Fact]
    public async Task SendAsync_LargeBodies_RoundTripAcrossManyReads()
    {
        var queue = "/queue/" + TestNames.UniqueQueue("Large");
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("large text ü ", 12_000))); // ~170 KB
        var bytes = new byte[5 * 1024 * 1024];
        new Random(42).NextBytes(bytes);
        await using var client = await fixture.ConnectAsync(Ct);

        await client.SendAsync(queue, [], text, cancellationToken: Ct);
        await client.SendAsync(queue, [], bytes, new StompSendOptions { ContentLength = true }, Ct);

        await using var sub = await client.SubscribeAsync(queue, cancellationToken: Ct);
        var first = await ReadAsync(sub, Ct);
        var second = await ReadAsync(sub, Ct);
        Assert.Equal(text, first.Body.ToArray());
        Assert.Equal(bytes, second.Body.ToArray());
        await first.AckAsync(Ct);
        await second.AckAsync(Ct);
    }

    [Fact]
    public async Task Subscribe_ClientAckMode_AckIsCumulative()
    {
        var queueName = TestNames.UniqueQueue("Cumulative");
        await using var client = await fixture.ConnectAsync(Ct);
        for (var i = 0; i < 3; i++)
        {
            await client.SendAsync("/queue/" + queueName, [], "m"u8.ToArray(), cancellationToken: Ct);
        }

        await using (var sub = await client.SubscribeAsync("/queue/" + queueName, new StompSubscribeOptions { AckMode = StompAckMode.Client }, Ct))
        {
            await ReadAsync(sub, Ct);
            await ReadAsync(sub, Ct);
            var third = await ReadAsync(sub, Ct);
            await third.AckAsync(Ct);
        }

        // One ACK of the third message acknowledged all three (the UNSUBSCRIBE receipt follows the ACK in order).
        Assert.Equal(0, await fixture.Broker.Queues.CountAsync(queueName, Ct));
    }

    [Fact]
    public async Task Subscribe_ClientAckMode_NackRejectsOnlyItsMessageOnActiveMq()
    {
        // STOMP 1.2 makes a client-mode NACK cumulative; ActiveMQ 5.17 rejects only the message it names. The
        // forwarder's cumulative acknowledgement relies on that: this pins it on the real broker.
        var queueName = TestNames.UniqueQueue("ClientNack");
        await using var client = await fixture.ConnectAsync(Ct);
        await SendNumberedAsync(client, "/queue/" + queueName, 4);

        await using (var sub = await client.SubscribeAsync("/queue/" + queueName, new StompSubscribeOptions { AckMode = StompAckMode.Client }, Ct))
        {
            var delivered = new List<StompMessage>();
            for (var i = 0; i < 4; i++)
            {
                delivered.Add(await ReadAsync(sub, Ct));
            }

            await delivered[1].NackAsync(Ct);
            await delivered[2].AckAsync(Ct);
        }

        await using var dlq = await client.SubscribeAsync("/queue/DLQ." + queueName, new StompSubscribeOptions { AckMode = StompAckMode.Auto }, Ct);
        Assert.Equal("1", (await ReadAsync(dlq, Ct)).Headers["seq"]);
        Assert.Null(await dlq.TryReadAsync(TimeSpan.FromSeconds(1), Ct));
        // The ACK of seq 2 took seq 0 with it; seq 3 was never acknowledged and is there again.
        await using var again = await client.SubscribeAsync("/queue/" + queueName, new StompSubscribeOptions { AckMode = StompAckMode.Auto }, Ct);
        Assert.Equal("3", (await ReadAsync(again, Ct)).Headers["seq"]);
        Assert.Null(await again.TryReadAsync(TimeSpan.FromSeconds(1), Ct));
    }

    /// <summary>Sends <paramref name="count"/> messages with a <c>seq</c> header counting from 0.</summary>
    private static async Task SendNumberedAsync(StompClient client, string queue, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await client.SendAsync(queue, [new("seq", $"{i}")], "m"u8.ToArray(), cancellationToken: Ct);
        }
    }

    private static async Task<StompMessage> ReadAsync(StompSubscription sub, CancellationToken ct) =>
        await sub.Reader.ReadAsync(ct).AsTask().WaitAsync(Wait, ct);
}
