using System.Text.Json;
using Stomp;

namespace Forwarder.Transport;

/// <summary>
/// Reads <c>ActiveMQ.Advisory.Queue</c> messages, which the broker renders as <c>jms-advisory-json</c>:
/// <c>{"DestinationInfo":{…,"destination":{"@class":"ActiveMQQueue","string":"Orders.A"},"operationType":0}}</c>
/// (0 = added, 1 = removed). A new subscriber first receives one message per existing queue.
/// </summary>
internal static class QueueDiscovery
{
    public const string AdvisoryTopic = "/topic/ActiveMQ.Advisory.Queue";

    /// <summary>The queue an advisory names, and whether it was added; null when the body is not a DestinationInfo.</summary>
    public static (string Queue, bool Added)? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body.ToArray());
            if (!doc.RootElement.TryGetProperty("DestinationInfo", out var info)
                || !info.TryGetProperty("destination", out var destination)
                || !destination.TryGetProperty("string", out var name)
                || name.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var added = !info.TryGetProperty("operationType", out var op) || op.GetInt32() == 0;
            return (name.GetString()!, added);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A name holding <c>*</c> or <c>&gt;</c>, which the broker treats as a wildcard: ActiveMQ 5.17 creates such a
    /// queue for each wildcard SUBSCRIBE with a receipt (AMQ-9475) and announces it, but it holds no messages, and
    /// subscribing to its name would consume every queue it matches.
    /// </summary>
    public static bool IsWildcardName(string queue) => queue.AsSpan().IndexOfAny('*', '>') >= 0;

    /// <summary>Existing queues (never a wildcard name): a new advisory subscriber receives one DestinationInfo per queue at once.</summary>
    public static async Task<List<string>> ListAsync(StompClient client, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        await using var advisories = await client.SubscribeAsync(AdvisoryTopic, new StompSubscribeOptions { AckMode = StompAckMode.Auto }, cancellationToken);
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        quiet.CancelAfter(TimeSpan.FromMilliseconds(700));
        try
        {
            await foreach (var m in advisories.ReadAllAsync(quiet.Token))
            {
                if (Parse(m.Body.Span) is { Added: true } q && !IsWildcardName(q.Queue))
                {
                    found.Add(q.Queue);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Quiet for long enough: every existing queue has been announced.
        }

        return found;
    }
}
