namespace Functions.Framework.DeadLetter;

/// <summary>Stores messages that can never be processed, so that nothing is lost.</summary>
internal interface IDeadLetterSink
{
    /// <summary>
    /// Sends every message; returns those that could not be stored (empty when all were). A message not in the
    /// returned list is durably stored.
    /// </summary>
    Task<IReadOnlyList<DeadLetterFailure>> SendAsync(IReadOnlyList<DeadLetterMessage> messages, CancellationToken cancellationToken);
}
