using Functions.Framework.DeadLetter;

namespace Functions.Framework.Processing;

/// <summary>A message waiting for its dead letter to be confirmed before it counts as dead-lettered.</summary>
internal sealed record PendingDeadLetter(InboundMessage Message, DeadLetterMessage Letter, string Reason);
