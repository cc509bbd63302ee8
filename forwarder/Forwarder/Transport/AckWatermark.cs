using Stomp;

namespace Forwarder.Transport;

/// <summary>
/// Cumulative acknowledgement of one source queue's subscription (STOMP <c>client</c> mode). The agent settles each
/// message when the target has confirmed it or it is parked; one ACK of the newest message before which every
/// delivered one is settled then acknowledges them all: one frame for a batch, where one per message was most of the
/// source broker's work per forwarded message. A message not settled yet (held for a refusing target, being parked) is
/// never acknowledged by a later one: the ACK waits for it, and a crash before then redelivers the later ones too.
/// </summary>
/// <remarks>
/// A NACK stays per message: ActiveMQ 5.17 rejects only the message it names, in <c>client</c> mode too (STOMP 1.2
/// would make it cumulative; see <c>Stomp.IntegrationTests</c>). Frames of one subscription are enqueued under one
/// lock, so an ACK never overtakes a NACK of an earlier message, nor an ACK of a later one.
/// </remarks>
internal sealed class AckWatermark
{
    private readonly Queue<StompMessage> _delivered = new();
    // Settled and not yet passed by the watermark; false for a NACKed one, which no ACK may name.
    private readonly Dictionary<StompMessage, bool> _settled = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _lock = new();

    /// <summary>Called in delivery order, before the message is handed to the worker.</summary>
    public void Delivered(StompMessage message)
    {
        lock (_lock)
        {
            _delivered.Enqueue(message);
        }
    }

    /// <summary>The agent is done with the message (confirmed by the target, or parked): its bytes leave the budget now.</summary>
    public void Settle(StompMessage message)
    {
        message.ReleaseBudget();
        lock (_lock)
        {
            _settled.Add(message, true);
        }
    }

    /// <summary>Rejects the message, and only it; it then counts as settled.</summary>
    public Task NackAsync(StompMessage message, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var nack = message.NackAsync(cancellationToken);
            _settled.Add(message, false);
            return nack;
        }
    }

    /// <summary>
    /// ACKs the newest message up to which every delivered one is settled, when that moved; completes when written.
    /// A NACKed message is already gone from the broker: the ACK names the newest one before it that is not NACKed.
    /// </summary>
    public Task AckSettledAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            StompMessage? newest = null;
            while (_delivered.TryPeek(out var oldest) && _settled.Remove(oldest, out var ackable))
            {
                _delivered.Dequeue();
                newest = ackable ? oldest : newest;
            }

            return newest?.AckAsync(cancellationToken) ?? Task.CompletedTask;
        }
    }
}
