using System.Diagnostics;

namespace Stomp.IntegrationTests;

/// <summary>A broker that stops reading the connection (producer flow control) ends it within ReceiptTimeout instead of holding it forever.</summary>
public sealed class FlowControlTests(FlowControlFixture fixture) : IClassFixture<FlowControlFixture>
{
    [Fact]
    public async Task Send_BrokerStopsReadingAtTheMemoryLimit_ConnectionEndsWithinReceiptTimeout()
    {
        var receiptTimeout = TimeSpan.FromSeconds(5);
        await using var client = await StompClient.ConnectAsync(fixture.Broker.StompOptions() with { ReceiptTimeout = receiptTimeout }, null, Ct);
        var queue = "/queue/" + TestNames.UniqueQueue("Flow");
        var body = new byte[1024 * 1024];
        body.AsSpan().Fill((byte)'x');
        var clock = Stopwatch.StartNew();

        // 32 MiB against a 1 MB limit nobody consumes: far more than the socket buffers hold once the broker stops
        // reading, so the last frame is never written and its receipt timer never starts.
        for (var i = 0; i < 31; i++)
        {
            // Each completes once written, or fails with the connection: the last send's outcome says it all.
            _ = client.SendAsync(queue, [], body, new StompSendOptions { Receipt = false }, Ct);
        }

        var last = client.SendAsync(queue, [], body, cancellationToken: Ct);

        var ex = await Assert.ThrowsAsync<StompConnectionException>(() => last.WaitAsync(TimeSpan.FromSeconds(60), Ct));
        Assert.IsType<StompReceiptTimeoutException>(ex.InnerException);
        Assert.Contains("has taken nothing written to it", ex.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, receiptTimeout, receiptTimeout * 6);
        Assert.False(client.IsConnected);
    }
}
