using Contract.Events;

namespace Functions.Framework.Processing;

/// <summary>Decodes a body with <paramref name="decoder"/> and passes it to <paramref name="handler"/>.</summary>
internal sealed class MessageDispatcher<T>(IBodyDecoder<T> decoder, IMessageHandler<T> handler) : IMessageDispatcher
{
    public ValueTask<HandlerResult> DispatchAsync(ReadOnlyMemory<byte> body, MessageContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        T message;
        try
        {
            message = decoder.Decode(body, context.MessageId);
        }
        catch (MessageBodyException ex)
        {
            return ValueTask.FromResult(HandlerResult.Poison(ex.Reason ?? ex.Message));
        }

        return handler.HandleAsync(message, context, cancellationToken);
    }
}
