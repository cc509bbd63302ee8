namespace Functions.Handlers;

/// <summary>Turns a message body into the value a handler takes; see <see cref="BodyDecoders"/>.</summary>
internal interface IBodyDecoder<out T>
{
    /// <summary>Decodes <paramref name="body"/>; throws <see cref="Runtime.Events.MessageBodyException"/> when it cannot.</summary>
    T Decode(ReadOnlyMemory<byte> body, string? messageId);
}
