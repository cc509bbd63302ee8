using LocalEventSource;
using LocalEventSource.Batching;
using Stomp;

namespace Pipeline.IntegrationTests.EventSource;

/// <summary>Redelivery and dead-lettering of the local event source against a real ActiveMQ broker.</summary>
public sealed class RedeliveryTests(CloudBrokerFixture cloud) : IClassFixture<CloudBrokerFixture>
{
    // Non-persistent too: the final NACK must dead-letter it (template.yaml's processNonPersistent), not drop it.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RunAsync_FunctionAlwaysFails_DeliversSevenTimesThenMovesToBrokerDlq(bool persistent)
    {
        var queue = ActiveMqFixture.UniqueQueue("Redeliver");
        var sent = await SendAsync(queue, "always fails", persistent, Ct);
        var invoker = new ScriptedInvoker(_ => InvocationOutcome.FunctionError);
        var observer = new RecordingObserver();

        await using (var mapping = Start(queue, invoker, observer, concurrency: 1))
        {
            var dead = await ReadOneAsync("DLQ." + queue, TimeSpan.FromSeconds(60), Ct);
            // Nothing more may come after the dead-lettering.
            await Task.Delay(1500, Ct);

            Assert.Equal(sent.Body, Encoding.UTF8.GetString(dead.Body.Span));
            Assert.Equal(sent.Id, dead.Headers.GetValueOrDefault("sample_id"));
        }

        var deliveries = invoker.Deliveries.ToList();
        Assert.Equal(7, deliveries.Count);
        Assert.Single(deliveries.Select(d => d.MessageId).Distinct());
        Assert.Equal([false, true, true, true, true, true, true], deliveries.Select(d => d.Redelivered));
        var (message, reason) = Assert.Single(observer.DeadLettered);
        Assert.Equal(deliveries[0].MessageId, message.MessageId);
        Assert.Contains("failed 7 deliveries (6 redeliveries)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FunctionFailsTwiceThenSucceeds_AcknowledgesAndNeverDeadLetters()
    {
        var queue = ActiveMqFixture.UniqueQueue("Recover");
        await SendAsync(queue, "fails twice", Ct);
        var calls = 0;
        var invoker = new ScriptedInvoker(_ => Interlocked.Increment(ref calls) <= 2 ? InvocationOutcome.Timeout : InvocationOutcome.Success);
        var observer = new RecordingObserver();

        await using (Start(queue, invoker, observer, concurrency: 2))
        {
            await WaitUntilAsync(() => observer.Acknowledged >= 1, TimeSpan.FromSeconds(30));
            // A consumer that reconnects now must not get the message again: it was acknowledged.
            await Task.Delay(2500, Ct);
        }

        Assert.Equal([false, true, true], invoker.Deliveries.Select(d => d.Redelivered));
        Assert.Empty(observer.DeadLettered);
        Assert.Null(await TryReadOneAsync(queue, TimeSpan.FromSeconds(2), Ct));
        Assert.Null(await TryReadOneAsync("DLQ." + queue, TimeSpan.FromSeconds(1), Ct));
    }

    [Fact]
    public async Task RunAsync_ManyMessages_BatchesUpToBatchSizeAndAcknowledgesAll()
    {
        var queue = ActiveMqFixture.UniqueQueue("Batch");
        for (var i = 0; i < 25; i++)
        {
            await SendAsync(queue, $"m{i}", Ct);
        }

        var sizes = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var invoker = new ScriptedInvoker(e =>
        {
            sizes.Enqueue(e.GetProperty("messages").GetArrayLength());
            return InvocationOutcome.Success;
        });

        var observer = new RecordingObserver();
        await using (Start(queue, invoker, observer, concurrency: 1, batchSize: 10))
        {
            await WaitUntilAsync(() => observer.Acknowledged >= 25, TimeSpan.FromSeconds(30));
        }

        Assert.Equal(25, invoker.Deliveries.Select(d => d.MessageId).Distinct().Count());
        Assert.All(sizes, s => Assert.InRange(s, 1, 10));
        Assert.Null(await TryReadOneAsync(queue, TimeSpan.FromSeconds(2), Ct));
    }

    [Fact]
    public async Task RunAsync_MessageOverPayloadLimit_GoesToBrokerDlqWithoutInvoking()
    {
        var queue = ActiveMqFixture.UniqueQueue("Large");
        var large = await SendAsync(queue, new string('x', 8000), Ct);
        await SendAsync(queue, "small", Ct);
        var invoker = new ScriptedInvoker(_ => InvocationOutcome.Success);
        var observer = new RecordingObserver();

        await using (Start(queue, invoker, observer, concurrency: 1, maxPayloadBytes: 4096))
        {
            var dead = await ReadOneAsync("DLQ." + queue, TimeSpan.FromSeconds(30), Ct);
            await WaitUntilAsync(() => !invoker.Deliveries.IsEmpty, TimeSpan.FromSeconds(30));

            Assert.Equal(large.Id, dead.Headers.GetValueOrDefault("sample_id"));
        }

        Assert.Single(invoker.Deliveries);
        Assert.Contains("payload limit", Assert.Single(observer.DeadLettered).Reason, StringComparison.Ordinal);
    }

    private RunningMapping Start(string queue, IFunctionInvoker invoker, IEventSourceObserver observer, int concurrency, int batchSize = 10, long maxPayloadBytes = BatchingOptions.SixMegabytes)
    {
        var options = new EventSourceOptions
        {
            Broker = cloud.Broker.StompUri,
            Queue = queue,
            Batching = new BatchingOptions(batchSize, TimeSpan.FromMilliseconds(200), maxPayloadBytes),
            Concurrency = concurrency,
            RedeliveryDelay = TimeSpan.FromMilliseconds(200),
        };
        var mapping = new EventSourceMapping(options, _ => invoker, observer, TimeProvider.System, NullLoggerFactory.Instance);
        var cts = new CancellationTokenSource();
        return new RunningMapping(mapping.RunAsync(cts.Token), cts);
    }

    private Task<(string Id, string Body)> SendAsync(string queue, string body, CancellationToken cancellationToken) =>
        SendAsync(queue, body, persistent: true, cancellationToken);

    private async Task<(string Id, string Body)> SendAsync(string queue, string body, bool persistent, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        await using var client = await StompClient.ConnectAsync(new StompClientOptions { Endpoint = cloud.Broker.StompUri }, null, cancellationToken);
        // Without persistent:true a STOMP SEND is a non-persistent JMS message.
        KeyValuePair<string, string>[] headers = persistent ? [new("persistent", "true"), new("sample_id", id)] : [new("sample_id", id)];
        await client.SendAsync("/queue/" + queue, headers, Encoding.UTF8.GetBytes(body), null, cancellationToken);
        return (id, body);
    }

    private async Task<StompMessage> ReadOneAsync(string queue, TimeSpan timeout, CancellationToken cancellationToken) =>
        await TryReadOneAsync(queue, timeout, cancellationToken) ?? throw new TimeoutException($"nothing arrived on {queue} within {timeout}");

    private async Task<StompMessage?> TryReadOneAsync(string queue, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var client = await StompClient.ConnectAsync(new StompClientOptions { Endpoint = cloud.Broker.StompUri }, null, cancellationToken);
        await using var subscription = await client.SubscribeAsync("/queue/" + queue, new StompSubscribeOptions { AckMode = StompAckMode.Auto }, cancellationToken);
        return await subscription.TryReadAsync(timeout, cancellationToken);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not met within {timeout}");
            await Task.Delay(50, Ct);
        }
    }

    private sealed class RunningMapping(Task run, CancellationTokenSource cts) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await cts.CancelAsync();
#pragma warning disable VSTHRD003 // the mapping's own task, started by the test; xunit has no synchronization context.
            await run;
#pragma warning restore VSTHRD003
            cts.Dispose();
        }
    }
}
