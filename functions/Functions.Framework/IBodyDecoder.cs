using Contract.Events;

namespace Functions.Framework;

/// <summary>Turns a message body into the value a handler takes; <see cref="BodyDecoders"/> has the usual ones.</summary>
/// <typeparam name="T">The type the handler takes.</typeparam>
public interface IBodyDecoder<out T>
{
    /// <summary>Decodes <paramref name="body"/> of the message <paramref name="messageId"/>.</summary>
    /// <exception cref="MessageBodyException">The body cannot be decoded: the message is poison and is dead-lettered.</exception>
    T Decode(ReadOnlyMemory<byte> body, string? messageId);
}
