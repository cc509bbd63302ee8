namespace Functions.Framework;

/// <summary>
/// What a user implements to process messages of type <typeparamref name="T"/>: the framework decodes the body
/// (see <see cref="BodyDecoders"/>), calls this once per message, and dead-letters or retries as the result says.
/// Register it with one line in a <see cref="HandlerRegistry"/>.
/// </summary>
/// <typeparam name="T">The decoded body: a JSON type, <see cref="string"/>, or the bytes.</typeparam>
/// <remarks>
/// Return <see cref="HandlerResult.Processed"/>, or <see cref="HandlerResult.Poison"/> with a reason for a message
/// that can never succeed. Throw a <see cref="PermanentException"/> for the same effect from deep inside, or any
/// other exception: unreadable or invalid data (<c>JsonException</c>, <c>FormatException</c>,
/// <c>InvalidDataException</c>, <c>ValidationException</c>) is dead-lettered too; everything else — timeouts, I/O,
/// throttling, AWS errors, <see cref="TransientException"/> — is retried (the batch fails and the broker
/// redelivers it). A message is handled at least once: key side effects on <see cref="MessageContext.OriginalId"/>.
/// </remarks>
public interface IMessageHandler<in T>
{
    /// <summary>Handles one message. <paramref name="cancellationToken"/> fires shortly before the invocation's deadline.</summary>
    ValueTask<HandlerResult> HandleAsync(T message, MessageContext context, CancellationToken cancellationToken);
}
