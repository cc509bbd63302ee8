namespace Functions.Framework.Processing;

/// <summary>The untyped face of a handler: decodes the body for it and calls it. Built by <see cref="HandlerRegistry"/>.</summary>
internal interface IMessageDispatcher
{
    /// <summary>Decodes <paramref name="body"/> and hands it to the handler. A body that cannot be decoded is poison.</summary>
    ValueTask<HandlerResult> DispatchAsync(ReadOnlyMemory<byte> body, MessageContext context, CancellationToken cancellationToken);
}
