using System.Globalization;
using System.Text.Json;
using Stomp;

namespace Forwarder.Transport;

/// <summary>
/// Asks ActiveMQ's <c>statisticsBrokerPlugin</c> about one queue: a message to
/// <c>ActiveMQ.Statistics.Destination.&lt;queue&gt;</c> with a reply-to is answered with a MapMessage
/// (size, enqueueCount, dequeueCount, consumerCount, …), readable over STOMP only as <c>jms-map-json</c>, which needs
/// the xstream/jettison jars on the broker.
/// </summary>
internal sealed class BrokerStatistics : IAsyncDisposable
{
    private readonly StompClient _client;
    private readonly StompSubscription _replies;
    private readonly string _replyQueue;

    private BrokerStatistics(StompClient client, StompSubscription replies, string replyQueue)
    {
        _client = client;
        _replies = replies;
        _replyQueue = replyQueue;
    }

    /// <summary>Subscribes to a private temporary reply queue on <paramref name="client"/> (which must have the jars).</summary>
    public static async Task<BrokerStatistics> OpenAsync(StompClient client, CancellationToken cancellationToken)
    {
        var replyQueue = "/temp-queue/forwarder-stats-" + Guid.NewGuid().ToString("N")[..8];
        var replies = await client.SubscribeAsync(
            replyQueue,
            new StompSubscribeOptions { AckMode = StompAckMode.Auto, Headers = [new("transformation", "jms-map-json")] },
            cancellationToken);
        return new BrokerStatistics(client, replies, replyQueue);
    }

    /// <summary>The queue's statistics as strings, or null when no answer came within <paramref name="timeout"/> (no plugin).</summary>
    /// <exception cref="FormatException">A reply did not parse.</exception>
    public async Task<IReadOnlyDictionary<string, string>?> QueryAsync(string queue, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var correlation = Guid.NewGuid().ToString("N");
        await _client.SendAsync(
            "/queue/ActiveMQ.Statistics.Destination." + queue,
            [new("reply-to", _replyQueue), new("correlation-id", correlation)],
            default,
            new StompSendOptions { Receipt = true },
            cancellationToken);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var reply = await _replies.Reader.ReadAsync(wait.Token);
                var stats = ParseMap(reply.Body.Span);
                if (stats.TryGetValue("destinationName", out var name) && name == "queue://" + queue)
                {
                    return stats;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync() => await _replies.DisposeAsync();

    /// <summary>
    /// Parses XStream/Jettison map JSON: <c>{"map":{"entry":[{"string":"size","long":5},{"string":["brokerName","x"]}]}}</c>.
    /// </summary>
    /// <exception cref="FormatException">The reply is not JSON of that shape.</exception>
    public static Dictionary<string, string> ParseMap(ReadOnlySpan<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            return ParseMap(doc.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: an element of another kind where the shape needs an object.
            throw new FormatException("not jms-map-json: " + ex.Message, ex);
        }
    }

    private static Dictionary<string, string> ParseMap(JsonElement root)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("map", out var map) || !map.TryGetProperty("entry", out var entries))
        {
            return result;
        }

        // Jettison writes a single entry as an object rather than a one-element array.
        var list = entries.ValueKind == JsonValueKind.Array ? entries.EnumerateArray().ToList() : [entries];
        foreach (var entry in list)
        {
            if (!entry.TryGetProperty("string", out var key))
            {
                continue;
            }

            if (key.ValueKind == JsonValueKind.Array && key.GetArrayLength() == 2)
            {
                result[key[0].ToString()] = key[1].ToString();
                continue;
            }

            foreach (var property in entry.EnumerateObject())
            {
                if (property.Name != "string")
                {
                    result[key.ToString()] = property.Value.ValueKind == JsonValueKind.Number
                        ? property.Value.GetRawText()
                        : property.Value.ToString();
                }
            }
        }

        return result;
    }

    public static long Long(IReadOnlyDictionary<string, string>? stats, string key) =>
        stats is not null && stats.TryGetValue(key, out var v) && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1;
}
