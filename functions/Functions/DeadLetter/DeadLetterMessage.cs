namespace Functions.DeadLetter;

/// <summary>A message to dead-letter: its original body, byte for byte, and where it came from and why it failed.</summary>
internal sealed record DeadLetterMessage(ReadOnlyMemory<byte> Body, DeadLetterProvenance Provenance);
