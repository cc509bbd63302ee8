using System.Globalization;

namespace Forwarder.Bridge;

/// <summary>
/// Reports, per queue, the JMS timestamp (epoch ms) of the oldest message pending, the head of what is not yet
/// forwarded; null once a queue has nothing pending any more.
/// </summary>
/// <param name="report">Receives the queue and its oldest timestamp (the metrics' <c>OldestInFlight</c>).</param>
internal sealed class OldestPendingGauge(Action<string, long?> report)
{
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    public void Update(IReadOnlyList<InboundMessage> pending)
    {
        foreach (var queue in _reported.ToList())
        {
            if (!pending.Any(m => m.Queue == queue))
            {
                report(queue, null);
                _reported.Remove(queue);
            }
        }

        foreach (var group in pending.GroupBy(m => m.Queue))
        {
            var oldest = group.Select(m => long.TryParse(m.Header("timestamp"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ts) && ts > 0 ? ts : long.MaxValue).Min();
            if (oldest != long.MaxValue)
            {
                report(group.Key, oldest);
                _reported.Add(group.Key);
            }
        }
    }
}
