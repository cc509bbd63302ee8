namespace Forwarder.Bridge;

/// <summary>
/// Messages received from the source and not yet settled (acknowledged, parked or dead-lettered), in arrival
/// order, with what each one maps to once mapped. They stay unacknowledged on the source until settled.
/// </summary>
internal sealed class PendingMessages
{
    private readonly List<InboundMessage> _messages = [];

    // Computed once per delivery (records compare by value; deliveries by reference).
    private readonly Dictionary<InboundMessage, OutboundMessage> _mapped = new(ReferenceEqualityComparer.Instance);

    public int Count => _messages.Count;

    public IReadOnlyList<InboundMessage> All => _messages;

    public void Add(InboundMessage message) => _messages.Add(message);

    /// <summary>The messages not mapped yet, in order.</summary>
    public List<InboundMessage> Unmapped() => [.. _messages.Where(m => !_mapped.ContainsKey(m))];

    public void SetMapped(InboundMessage message, OutboundMessage outbound) => _mapped[message] = outbound;

    /// <summary>
    /// Up to <paramref name="count"/> messages from <paramref name="start"/> on whose bodies total at most
    /// <paramref name="maxBytes"/> (the first one whatever its size), and what to send for each.
    /// </summary>
    public (List<InboundMessage> Messages, List<OutboundMessage> Outbound) Batch(int start, int count, long maxBytes)
    {
        var messages = new List<InboundMessage>(count);
        var outbound = new List<OutboundMessage>(count);
        long bytes = 0;
        for (var i = start; i < start + count; i++)
        {
            var mapped = _mapped[_messages[i]];
            bytes += mapped.Body.Length;
            if (messages.Count > 0 && bytes > maxBytes)
            {
                break;
            }

            messages.Add(_messages[i]);
            outbound.Add(mapped);
        }

        return (messages, outbound);
    }

    /// <summary>One message was settled on its own (parked or dead-lettered).</summary>
    public void Remove(InboundMessage message)
    {
        _messages.Remove(message);
        _mapped.Remove(message);
    }

    /// <summary>The oldest messages were settled together: <paramref name="batch"/> is the head of the list.</summary>
    public void RemoveHead(IReadOnlyList<InboundMessage> batch)
    {
        foreach (var message in batch)
        {
            _mapped.Remove(message);
        }

        _messages.RemoveRange(0, batch.Count);
    }

    /// <summary>The source connection is gone: the broker redelivers every unacknowledged message.</summary>
    public void Clear()
    {
        _messages.Clear();
        _mapped.Clear();
    }
}
