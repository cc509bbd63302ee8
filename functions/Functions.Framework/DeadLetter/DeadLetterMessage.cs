namespace Functions.Framework.DeadLetter;

/// <summary>
/// A message to dead-letter: its original body, byte for byte, the properties its producer set (JMS properties, or
/// AMQP headers as text), and where it came from and why it failed.
/// </summary>
internal sealed record DeadLetterMessage(ReadOnlyMemory<byte> Body, DeadLetterProvenance Provenance, IReadOnlyDictionary<string, string> Properties);
