namespace Forwarder.Bridge;

/// <summary>
/// Source queues whose oldest pending message the target refused, each waiting out its retry backoff with its
/// messages set aside in arrival order: the other queues keep flowing meanwhile, and order within the held queue is
/// kept because none of its messages is sent before the refused one. Still unacknowledged on the source, so a lost
/// source connection returns them to the broker like every pending message.
/// </summary>
internal sealed class HeldQueues(TimeProvider time)
{
    private readonly Dictionary<string, (DateTimeOffset Until, List<InboundMessage> Messages)> _held = new(StringComparer.Ordinal);

    public int Count => _held.Values.Sum(h => h.Messages.Count);

    public bool IsHeld(string queue) => _held.ContainsKey(queue);

    /// <summary>Sets <paramref name="messages"/> (of one queue, in order) aside for <paramref name="delay"/>.</summary>
    public void Hold(string queue, TimeSpan delay, IEnumerable<InboundMessage> messages) =>
        _held[queue] = (time.GetUtcNow() + delay, [.. messages]);

    /// <summary>A message received for a held queue waits behind the ones already held.</summary>
    public void Add(InboundMessage message) => _held[message.Queue].Messages.Add(message);

    /// <summary>
    /// Takes out the held messages whose bodies, counted in each queue's order, pass <paramref name="maxBytes"/>
    /// together, each queue's in order. Every queue's first message (the refused one, under retry) stays, whatever its size.
    /// </summary>
    public List<InboundMessage> TakeOverflow(long maxBytes)
    {
        // Called for every batch the worker processes; nearly always nothing is held.
        if (_held.Count == 0)
        {
            return [];
        }

        var bytes = _held.Values.Sum(h => (long)h.Messages[0].Body.Length);
        var overflow = new List<InboundMessage>();
        foreach (var (_, messages) in _held.Values)
        {
            var keep = 1;
            while (keep < messages.Count && (bytes += messages[keep].Body.Length) <= maxBytes)
            {
                keep++;
            }

            overflow.AddRange(messages.Skip(keep));
            messages.RemoveRange(keep, messages.Count - keep);
        }

        return overflow;
    }

    /// <summary>The messages of every queue whose wait is over, each queue's in order; those queues flow again.</summary>
    public List<InboundMessage> Release()
    {
        var now = time.GetUtcNow();
        var released = new List<InboundMessage>();
        foreach (var queue in _held.Where(h => h.Value.Until <= now).Select(h => h.Key).ToList())
        {
            released.AddRange(_held[queue].Messages);
            _held.Remove(queue);
        }

        return released;
    }

    /// <summary>How long until the next queue is released; null when none is held.</summary>
    public TimeSpan? UntilNextRelease()
    {
        if (_held.Count == 0)
        {
            return null;
        }

        // Whole milliseconds, rounded up: timers truncate, and one that fires before the release is due makes the
        // worker spin through empty iterations until the clock gets there.
        var wait = _held.Values.Min(h => h.Until) - time.GetUtcNow();
        return wait > TimeSpan.Zero ? TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)) : TimeSpan.Zero;
    }

    /// <summary>The source connection is gone: the broker redelivers them.</summary>
    public void Clear() => _held.Clear();
}
