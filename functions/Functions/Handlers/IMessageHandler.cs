namespace Functions.Handlers;

/// <summary>
/// What a user implements to process messages of type <typeparamref name="T"/>: the framework decodes the body
/// (see <see cref="BodyDecoders"/>), calls this once per message, and dead-letters or retries as the result says.
/// </summary>
/// <remarks>
/// Return <see cref="HandlerResult.Processed"/>, or <see cref="HandlerResult.Poison"/> with a reason for a message
/// that can never succeed. Throw a <see cref="PermanentException"/> for the same effect from deep inside, or any
/// other exception: timeouts, I/O and throttling are retried (the batch fails and the broker redelivers it), and
/// see <see cref="DefaultExceptionClassifier"/> for the rest. <paramref name="cancellationToken"/> fires shortly
/// before the invocation's deadline.
/// </remarks>
internal interface IMessageHandler<in T>
{
    ValueTask<HandlerResult> HandleAsync(T message, MessageContext context, CancellationToken cancellationToken);
}
