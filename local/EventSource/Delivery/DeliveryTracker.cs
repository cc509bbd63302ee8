using System.Collections.Concurrent;

namespace LocalEventSource.Delivery;

/// <summary>
/// Counts failed deliveries per broker message id, shared by every poller: STOMP carries no delivery count, and a
/// redelivered message may reach another poller. Lambda's ESM uses ActiveMQ's client redelivery policy with
/// <c>maximumRedeliveries</c> 6 (Lambda developer guide, Amazon MQ): a message whose 7th delivery fails goes to the broker's
/// dead-letter queue. Counts live in memory: a restarted event source starts counting again (at-least-once, never
/// fewer than 6 redeliveries).
/// </summary>
internal sealed class DeliveryTracker(int maximumRedeliveries)
{
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);

    public int MaximumRedeliveries { get; } = maximumRedeliveries >= 0
        ? maximumRedeliveries
        : throw new ArgumentOutOfRangeException(nameof(maximumRedeliveries), maximumRedeliveries, "must be 0 or more");

    /// <summary>Records a failed delivery; true when the message has now used up its redeliveries and must be dead-lettered.</summary>
    public bool RecordFailure(string messageId) =>
        _failures.AddOrUpdate(messageId, 1, static (_, n) => n + 1) > MaximumRedeliveries;

    /// <summary>Failed deliveries so far.</summary>
    public int FailuresOf(string messageId) => _failures.GetValueOrDefault(messageId);

    /// <summary>The message is settled (acknowledged or dead-lettered): stop counting it.</summary>
    public void Forget(string messageId) => _failures.TryRemove(messageId, out _);
}
