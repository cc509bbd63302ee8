using Stomp.Framing;

namespace Stomp;

/// <summary>
/// A MESSAGE frame. <see cref="Body"/> holds the bytes exactly as received: with <see cref="HasContentLength"/> it
/// is a JMS BytesMessage on ActiveMQ, without it a TextMessage whose bytes are Java modified UTF-8 — relay them
/// verbatim rather than decoding them.
/// </summary>
public sealed class StompMessage
{
    private readonly StompSubscription _subscription;

    // 1 once ACKed, NACKed or covered by a later cumulative ACK; 1 once its bytes left the client's budget.
    private int _settled;
    private int _released;

    internal StompMessage(StompSubscription subscription, StompFrame frame)
    {
        _subscription = subscription;
        Headers = frame.Headers;
        Body = frame.Body;
        HasContentLength = frame.HasContentLength;
        DroppedHeaders = frame.DroppedHeaders ?? [];
        Size = frame.Body.Length + frame.Headers.Sum(h => (long)h.Key.Length + h.Value.Length + 2);
    }

    /// <summary>Every header as received, in wire order, unescaped (including destination, message-id, …).</summary>
    public StompHeaders Headers { get; }

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>What the message counts against <see cref="StompClientOptions.MaxUnsettledBytes"/>: its body and header lines.</summary>
    public long Size { get; }

    /// <summary>True when the frame had <c>content-length</c>: ActiveMQ sends BytesMessages so, TextMessages without.</summary>
    public bool HasContentLength { get; }

    /// <summary>
    /// Headers the client left out because they broke <see cref="StompClientOptions.MaxHeaderLineBytes"/> or
    /// <see cref="StompClientOptions.MaxHeaders"/> (as "name (n bytes)"), so the connection could stay up;
    /// <c>ack</c>, <c>subscription</c>, <c>message-id</c> and <c>destination</c> are kept. Empty normally.
    /// </summary>
    public IReadOnlyList<string> DroppedHeaders { get; }

    /// <summary>Some headers were dropped (<see cref="DroppedHeaders"/>): this is not the complete message.</summary>
    public bool HeadersTruncated => DroppedHeaders.Count > 0;

    public string Destination => Headers.GetValueOrDefault("destination") ?? "";

    public string MessageId => Headers.GetValueOrDefault("message-id") ?? "";

    /// <summary>The STOMP 1.2 <c>ack</c> header: what ACK/NACK name.</summary>
    public string? AckId => Headers.GetValueOrDefault("ack");

    public string SubscriptionId => Headers.GetValueOrDefault("subscription") ?? _subscription.Id;

    /// <summary>ActiveMQ's <c>redelivered:true</c>: delivered before and not acknowledged. STOMP has no delivery count.</summary>
    public bool Redelivered => Headers.GetValueOrDefault("redelivered") == "true";

    /// <summary>
    /// Acknowledges this message and, in <see cref="StompAckMode.Client"/> mode, every message delivered before it on
    /// the subscription that is not settled yet (a cumulative ACK: one frame for many). Completes when written.
    /// </summary>
    public Task AckAsync(CancellationToken cancellationToken = default) => SettleAsync(ack: true, cancellationToken);

    /// <summary>
    /// In <see cref="StompAckMode.Client"/> mode: the application is done with this message and will acknowledge it
    /// with a later cumulative ACK (<see cref="StompSubscription.AckReleasedAsync"/>), so its bytes leave
    /// <see cref="StompClientOptions.MaxUnsettledBytes"/> now. The message stays unacknowledged on the broker until
    /// then (redelivered if the connection ends first).
    /// </summary>
    public void ReleaseBudget()
    {
        if (_subscription.AckMode != StompAckMode.Client)
        {
            throw new InvalidOperationException(
                $"subscription {_subscription.Id} uses {_subscription.AckMode} acknowledgement; only a client-mode message is acknowledged later by another's ACK");
        }

        _subscription.Release(this);
    }

    /// <summary>
    /// Rejects the message, and only it, in every mode (STOMP 1.2 makes a <c>client</c>-mode NACK cumulative; ActiveMQ
    /// 5.17 rejects only the message it names). On ActiveMQ a NACK is a "poison ack": the broker moves the message to its dead-letter
    /// queue at once (ActiveMQ.DLQ or DLQ.&lt;queue&gt;); with the broker's redelivery plugin it comes back after the
    /// plugin's delay (marked redelivered) until its maximum, then goes to the dead-letter queue. To get an ordinary redelivery, unsubscribe or disconnect without acking.
    /// </summary>
    public Task NackAsync(CancellationToken cancellationToken = default) => SettleAsync(ack: false, cancellationToken);

    private Task SettleAsync(bool ack, CancellationToken cancellationToken)
    {
        if (_subscription.AckMode == StompAckMode.Auto)
        {
            return Task.FromException(new InvalidOperationException(
                $"subscription {_subscription.Id} uses auto acknowledgement; there is nothing to {(ack ? "ACK" : "NACK")}"));
        }

        if (!_subscription.IsActive)
        {
            return Task.FromException(new StompConnectionException(
                $"subscription {_subscription.Id} to {_subscription.Destination} is closed; the broker redelivers message {MessageId}"));
        }

        if (Interlocked.Exchange(ref _settled, 1) == 1)
        {
            // A second ACK would make ActiveMQ answer ERROR, which ends the connection.
            return Task.FromException(new InvalidOperationException($"message {MessageId} was already acknowledged or rejected"));
        }

        // Settled once the ACK or NACK is queued: a failed write ends the connection, and the broker redelivers.
        return _subscription.SettleAsync(this, ack, cancellationToken);
    }

    /// <summary>The subscription it came through.</summary>
    public StompSubscription Subscription => _subscription;

    /// <summary>Its bytes left the budget: settled, or released by <see cref="ReleaseBudget"/>.</summary>
    internal bool IsReleased => Volatile.Read(ref _released) == 1;

    /// <summary>A later message's cumulative ACK acknowledged this one: it can no longer be ACKed or NACKed itself.</summary>
    internal void SettledByLaterAck() => Interlocked.Exchange(ref _settled, 1);

    /// <summary>True the first time: its bytes are to leave the budget now.</summary>
    internal bool TryMarkReleased() => Interlocked.Exchange(ref _released, 1) == 0;
}
