namespace Functions.Tests.Processing;

/// <summary>A handler made of a delegate; counts its calls.</summary>
internal sealed class DelegateHandler<T>(Func<T, MessageContext, CancellationToken, ValueTask<HandlerResult>> handle) : IMessageHandler<T>
{
    public List<MessageContext> Calls { get; } = [];

    public ValueTask<HandlerResult> HandleAsync(T message, MessageContext context, CancellationToken cancellationToken)
    {
        Calls.Add(context);
        return handle(message, context, cancellationToken);
    }
}
