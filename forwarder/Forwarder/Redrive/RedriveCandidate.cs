namespace Forwarder.Redrive;

/// <summary>What the selection looks at in one dead letter.</summary>
/// <param name="MessageId">Its id in the dead-letter store (the broker's message id, or the dead letter's original message id).</param>
/// <param name="OriginId">Its <c>fwd_origin_id</c>, when it has one.</param>
/// <param name="Queue">The queue it is redriven to.</param>
/// <param name="SentAt">When its producer sent it (JMS timestamp), when known.</param>
internal sealed record RedriveCandidate(string MessageId, string? OriginId, string Queue, DateTimeOffset? SentAt);
