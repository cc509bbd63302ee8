using System.Text.Json;
using Stomp;

namespace Harness.ActiveMq;

/// <summary>
/// Looks into a test broker's queues over STOMP: exact sizes from the statistics plugin, non-destructive browsing,
/// and draining. Each call opens its own connection, so it never disturbs the code under test.
/// </summary>
public sealed class QueueInspector(ActiveMqBroker broker)
{
    /// <summary>
    /// Messages currently on <paramref name="queue"/> (the broker's QueueSize: pending plus delivered-unacked), from
    /// <c>statisticsBrokerPlugin</c> (<see cref="BrokerOptions.Statistics"/>, on by default).
    /// </summary>
    public async Task<long> CountAsync(string queue, CancellationToken cancellationToken = default)
    {
        var stats = await StatisticsAsync(queue, cancellationToken);
        return stats.TryGetValue("size", out var size) ? size
            : throw new InvalidOperationException($"the statistics reply for queue '{queue}' on {broker} has no 'size'");
    }

    /// <summary>
    /// Numeric statistics of <paramref name="queue"/>: size, enqueueCount, dequeueCount, consumerCount,
    /// inflightCount, expiredCount, … (ActiveMQ's statisticsBrokerPlugin, no JMX needed).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> StatisticsAsync(string queue, CancellationToken cancellationToken = default)
    {
        if (!broker.Options.Statistics)
        {
            throw new InvalidOperationException($"broker {broker.Name} runs without the statistics plugin; set BrokerOptions.Statistics");
        }

        await using var client = await broker.ConnectStompAsync(cancellationToken);

        // The plugin only answers for a queue that exists; a browser creates it without consuming anything.
        await using (await client.SubscribeAsync(
            "/queue/" + queue, new StompSubscribeOptions { Headers = [new("browser", "true")] }, cancellationToken))
        {
        }

        // A temporary queue disappears with the connection, so polling leaves no queues behind.
        const string replyQueue = "/temp-queue/stats-reply";
        await using var replies = await client.SubscribeAsync(
            replyQueue,
            new StompSubscribeOptions { AckMode = StompAckMode.Auto, Headers = [new("transformation", "jms-map-json")] },
            cancellationToken);
        await client.SendAsync(
            "/queue/ActiveMQ.Statistics.Destination." + queue, [new("reply-to", replyQueue)], "stats"u8.ToArray(),
            cancellationToken: cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            // A query for X also answers for a queue named X.> (ActiveMQ creates one for a wildcard SUBSCRIBE with a
            // receipt), so keep the reply that names the queue asked about.
            while (true)
            {
                var reply = await replies.Reader.ReadAsync(timeout.Token);
                if (DestinationName(reply.Body.Span) == "queue://" + queue)
                {
                    return ParseMap(reply.Body.Span);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no statistics reply for queue '{queue}' from {broker} within 10 s");
        }
    }

    /// <summary>Waits until <paramref name="queue"/> holds exactly <paramref name="expected"/> messages.</summary>
    /// <exception cref="TimeoutException">the count did not reach <paramref name="expected"/>; the message says what it was.</exception>
    public async Task WaitForCountAsync(string queue, long expected, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        long count;
        while ((count = await CountAsync(queue, cancellationToken)) != expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"queue '{queue}' on {broker.Name} holds {count} messages, expected {expected} within {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Every message on <paramref name="queue"/> without consuming it (a STOMP <c>browser:true</c> subscription).</summary>
    public async Task<IReadOnlyList<StompMessage>> BrowseAsync(string queue, CancellationToken cancellationToken = default)
    {
        await using var client = await broker.ConnectStompAsync(cancellationToken);
        await using var browser = await client.SubscribeAsync(
            "/queue/" + queue,
            new StompSubscribeOptions { AckMode = StompAckMode.Auto, Headers = [new("browser", "true")] },
            cancellationToken);
        var messages = new List<StompMessage>();
        await foreach (var m in browser.ReadAllAsync(cancellationToken))
        {
            if (m.Headers.GetValueOrDefault("browser") == "end")
            {
                break;
            }

            messages.Add(m);
        }

        return messages;
    }

    /// <summary>
    /// Consumes (and acknowledges) messages from <paramref name="queue"/> until <paramref name="count"/> arrived or
    /// nothing came for <paramref name="idle"/>; returns what was received.
    /// </summary>
    public async Task<IReadOnlyList<StompMessage>> DrainAsync(
        string queue, int count, TimeSpan idle, CancellationToken cancellationToken = default)
    {
        await using var client = await broker.ConnectStompAsync(cancellationToken);
        await using var sub = await client.SubscribeAsync(
            "/queue/" + queue, new StompSubscribeOptions { Prefetch = 1000 }, cancellationToken);
        var messages = new List<StompMessage>();
        while (messages.Count < count && await sub.TryReadAsync(idle, cancellationToken) is { } m)
        {
            await m.AckAsync(cancellationToken);
            messages.Add(m);
        }

        return messages;
    }

    // The text entry {"string":["destinationName","queue://X"]} of a statistics reply.
    private static string? DestinationName(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        foreach (var entry in doc.RootElement.GetProperty("map").GetProperty("entry").EnumerateArray())
        {
            if (entry.TryGetProperty("string", out var pair) && pair.ValueKind == JsonValueKind.Array
                && pair.GetArrayLength() == 2 && pair[0].GetString() == "destinationName")
            {
                return pair[1].GetString();
            }
        }

        return null;
    }

    // {"map":{"entry":[{"string":"size","long":3},{"string":["brokerName","cloud"]},…]}}: keep the numeric entries.
    private static Dictionary<string, long> ParseMap(ReadOnlySpan<byte> json)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(json.ToArray());
        var entries = doc.RootElement.GetProperty("map").GetProperty("entry");
        foreach (var entry in entries.EnumerateArray())
        {
            if (!entry.TryGetProperty("string", out var name) || name.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            foreach (var p in entry.EnumerateObject())
            {
                if (p.Name != "string" && p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt64(out var v))
                {
                    result[name.GetString()!] = v;
                }
            }
        }

        return result;
    }
}
