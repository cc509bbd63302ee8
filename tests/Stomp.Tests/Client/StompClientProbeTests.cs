namespace Stomp.Tests.Client;

/// <summary>
/// A MESSAGE whose content-length (a JMS property over the header) asks for more bytes than follow: the client probes
/// with BEGIN/ABORT of an unused transaction and the RECEIPT's place in the stream tells a forged length from a
/// BytesMessage still arriving.
/// </summary>
public sealed class StompClientProbeTests
{
    private static readonly TimeSpan RealWait = TimeSpan.FromSeconds(10);

    [Fact(Timeout = 60_000)]
    public async Task Subscription_ForgedContentLengthOnTheLastMessage_ProbedAndDeliveredAsText()
    {
        await using var broker = new ScriptedBroker();
        await using var client = await ConnectAsync(broker);
        var subscription = await SubscribeAsync(client, broker);

        // Nothing follows: without the probe the message would wait for 1000 bytes that never come.
        await broker.SendAsync(Message("content-length:1000", "hello world"), Ct);
        var receiptId = await ReadProbeAsync(broker);
        await broker.SendAsync($"RECEIPT\nreceipt-id:{receiptId}\n\n", Ct);

        var message = await subscription.Reader.ReadAsync(Ct).AsTask().WaitAsync(RealWait, Ct);
        Assert.Equal("hello world", Encoding.UTF8.GetString(message.Body.Span));
        Assert.False(message.HasContentLength);
        Assert.Equal("1000", message.Headers["content-length"]);
        Assert.True(client.IsConnected);
        await broker.DisposeAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task Subscription_BytesWithNulsArrivingSlowly_ProbedAndReadWhole()
    {
        await using var broker = new ScriptedBroker();
        await using var client = await ConnectAsync(broker);
        var subscription = await SubscribeAsync(client, broker);
        var frame = Encoding.UTF8.GetBytes(Message("content-length:8", "ab\0cd\0ef") + "\0");

        // The first half (with a NUL) and a pause: suspect, so probed; the rest and then the probe's RECEIPT.
        await broker.WriteAsync(frame[..^6], Ct);
        var receiptId = await ReadProbeAsync(broker);
        await broker.WriteAsync([.. frame[^6..], .. Encoding.UTF8.GetBytes($"RECEIPT\nreceipt-id:{receiptId}\n\n\0")], Ct);

        var message = await subscription.Reader.ReadAsync(Ct).AsTask().WaitAsync(RealWait, Ct);
        Assert.Equal("ab\0cd\0ef"u8.ToArray(), message.Body.ToArray());
        Assert.True(message.HasContentLength);
        Assert.True(client.IsConnected);
        await broker.DisposeAsync();
    }

    private static string Message(string header, string body) =>
        $"MESSAGE\nsubscription:sub-1\nmessage-id:m-1\nack:a-1\ndestination:/queue/Q\n{header}\n\n{body}";

    // The probe: BEGIN of a fresh transaction asking a RECEIPT under the same random id, then its ABORT.
    private static async Task<string> ReadProbeAsync(ScriptedBroker broker)
    {
        var begin = (await broker.ReadFrameAsync(Ct).WaitAsync(RealWait, Ct)).Split('\n');
        Assert.Equal("BEGIN", begin[0]);
        var transaction = Assert.Single(begin, l => l.StartsWith("transaction:", StringComparison.Ordinal))["transaction:".Length..];
        Assert.Contains($"receipt:{transaction}", begin);
        Assert.StartsWith("probe-", transaction, StringComparison.Ordinal);
        var abort = (await broker.ReadFrameAsync(Ct)).Split('\n');
        Assert.Equal("ABORT", abort[0]);
        Assert.Contains($"transaction:{transaction}", abort);
        return transaction;
    }

    private static async Task<StompSubscription> SubscribeAsync(StompClient client, ScriptedBroker broker)
    {
        var subscription = await client.SubscribeAsync("/queue/Q", new StompSubscribeOptions { Prefetch = 10, Receipt = false }, Ct);
        Assert.Equal("SUBSCRIBE", await broker.ReadCommandAsync(Ct));
        return subscription;
    }

    private static async Task<StompClient> ConnectAsync(ScriptedBroker broker)
    {
        var options = new StompClientOptions { Endpoint = broker.Endpoint, HeartBeat = new StompHeartBeat(TimeSpan.Zero, TimeSpan.Zero) };
        var connect = StompClient.ConnectAsync(options, null, Ct);
        await broker.AcceptAsync(Ct);
        await broker.SendAsync("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n", Ct);
        return await connect;
    }
}
