namespace Functions.Framework.DeadLetter;

/// <summary>A message the sink could not dead-letter, and why. The caller must not consider it handled.</summary>
internal sealed record DeadLetterFailure(DeadLetterMessage Message, string Reason);
