using System.Diagnostics;

namespace Stomp.IntegrationTests;

/// <summary>A broker that stops reading the connection (producer flow control) ends it within ReceiptTimeout instead of holding it forever.</summary>
public sealed class FlowControlTests(FlowControlFixture fixture) : IClassFixture<FlowControlFixture>
{
    private static readonly TimeSpan ReceiptTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Transaction_LargerThanTheQueueMemoryLimit_ConnectionEndsWithinReceiptTimeout()
    {
        await using var client = await ConnectAsync();
        var queue = TestNames.UniqueQueue("Flow");
        var clock = Stopwatch.StartNew();

        // 8 MiB uncommitted against 1 MB: the broker stops reading at the second SEND, so the COMMIT is never
        // written and no receipt timer can start; more than the socket buffers hold, so the client's write blocks.
        var commit = SendTransactionAsync(client, queue, count: 8, bytes: 1024 * 1024);

        var ex = await Assert.ThrowsAsync<StompConnectionException>(() => commit.WaitAsync(TimeSpan.FromSeconds(60), Ct));
        Assert.IsType<StompReceiptTimeoutException>(ex.InnerException);
        Assert.Contains("has taken nothing written to it", ex.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, ReceiptTimeout, ReceiptTimeout * 6);
        Assert.False(client.IsConnected);
        Assert.Equal(0, await fixture.Broker.Queues.CountAsync(queue, Ct));
    }

    [Fact]
    public async Task Transaction_WithinTheQueueMemoryLimit_Commits()
    {
        await using var client = await ConnectAsync();
        var queue = TestNames.UniqueQueue("Flow");

        await SendTransactionAsync(client, queue, count: 4, bytes: 64 * 1024).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.Equal(4, await fixture.Broker.Queues.CountAsync(queue, Ct));
    }

    private Task<StompClient> ConnectAsync() =>
        StompClient.ConnectAsync(fixture.Broker.StompOptions() with { ReceiptTimeout = ReceiptTimeout }, null, Ct);

    private static async Task SendTransactionAsync(StompClient client, string queue, int count, int bytes)
    {
        var body = new byte[bytes];
        body.AsSpan().Fill((byte)'x');
        var transaction = await client.BeginAsync(Ct);
        for (var i = 0; i < count; i++)
        {
            // Each completes once written, or fails with the connection: the COMMIT's outcome says it all.
            _ = transaction.SendAsync("/queue/" + queue, [new("persistent", "true")], body, cancellationToken: Ct);
        }

        await transaction.CommitAsync(Ct);
    }
}
