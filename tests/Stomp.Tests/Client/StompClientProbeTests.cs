namespace Stomp.Tests.Client;

/// <summary>
/// A MESSAGE whose content-length (a JMS property over the header) asks for more bytes than follow: the client probes
/// with BEGIN/ABORT of an unused transaction and the RECEIPT's place in the stream tells a forged length from a
/// BytesMessage still arriving.
/// </summary>
public sealed class StompClientProbeTests : SubscribedClientTest
{
    [Theory(Timeout = 60_000)]
    [InlineData(1000, false)] // nothing follows: without the probe the message would wait for bytes that never come
    [InlineData(100_000, true)] // an EOL every 100 ms: never quiet for long, yet the frame must not wait for them
    public async Task Subscription_ForgedContentLengthOnTheLastMessage_ProbedAndDeliveredAsText(int claimed, bool trickle)
    {
        await Broker.SendAsync(Message($"content-length:{claimed}", "hello world"), Ct);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var trickling = !trickle ? Task.CompletedTask : Task.Run(
            async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await Broker.WriteAsync("\n"u8.ToArray(), CancellationToken.None);
                    await Task.Delay(100, CancellationToken.None);
                }
            },
            Ct);
        var receiptId = await ReadProbeAsync();
        await stop.CancelAsync();
        await trickling;
        await Broker.SendAsync($"RECEIPT\nreceipt-id:{receiptId}\n\n", Ct);

        var message = await NextMessageAsync(Subscription);
        Assert.Equal("hello world", Encoding.UTF8.GetString(message.Body.Span));
        Assert.False(message.HasContentLength);
        Assert.Equal(claimed.ToString(System.Globalization.CultureInfo.InvariantCulture), message.Headers["content-length"]);
        Assert.True(Client.IsConnected);
    }

    [Fact(Timeout = 60_000)]
    public async Task Subscription_BytesWithNulsArrivingSlowly_ProbedAndReadWhole()
    {
        var frame = Encoding.UTF8.GetBytes(Message("content-length:8", "ab\0cd\0ef") + "\0");

        // The first half (with a NUL) and a pause: suspect, so probed; the rest and then the probe's RECEIPT.
        await Broker.WriteAsync(frame[..^6], Ct);
        var receiptId = await ReadProbeAsync();
        await Broker.WriteAsync([.. frame[^6..], .. Encoding.UTF8.GetBytes($"RECEIPT\nreceipt-id:{receiptId}\n\n\0")], Ct);

        var message = await NextMessageAsync(Subscription);
        Assert.Equal("ab\0cd\0ef"u8.ToArray(), message.Body.ToArray());
        Assert.True(message.HasContentLength);
        Assert.True(Client.IsConnected);
    }

    private static string Message(string header, string body) =>
        $"MESSAGE\nsubscription:sub-1\nmessage-id:m-1\nack:a-1\ndestination:/queue/Q\n{header}\n\n{body}";

    // The probe: BEGIN of a fresh transaction asking a RECEIPT under the same random id, then its ABORT.
    private async Task<string> ReadProbeAsync()
    {
        var begin = (await Broker.ReadFrameAsync(Ct).WaitAsync(RealWait, Ct)).Split('\n');
        Assert.Equal("BEGIN", begin[0]);
        var transaction = Assert.Single(begin, l => l.StartsWith("transaction:", StringComparison.Ordinal))["transaction:".Length..];
        Assert.Contains($"receipt:{transaction}", begin);
        Assert.StartsWith("probe-", transaction, StringComparison.Ordinal);
        var abort = (await Broker.ReadFrameAsync(Ct)).Split('\n');
        Assert.Equal("ABORT", abort[0]);
        Assert.Contains($"transaction:{transaction}", abort);
        return transaction;
    }
}
