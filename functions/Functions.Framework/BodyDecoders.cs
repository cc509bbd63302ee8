using System.Text.Json.Serialization.Metadata;
using Contract.Events;

namespace Functions.Framework;

/// <summary>The body decoders: JSON through a source-generated type, strict UTF-8 text, or the bytes as they are.</summary>
public static class BodyDecoders
{
    /// <summary>The bytes, unchanged. Never fails.</summary>
    public static IBodyDecoder<ReadOnlyMemory<byte>> Bytes { get; } = new BytesDecoder();

    /// <summary>UTF-8 text; bytes that are not valid UTF-8 make the message poison (never silently replaced).</summary>
    public static IBodyDecoder<string> Text { get; } = new TextDecoder();

    /// <summary>
    /// A JSON document of type <typeparamref name="T"/>, read through <paramref name="typeInfo"/> from a
    /// source-generated <c>JsonSerializerContext</c> (Native AOT has no reflection); invalid JSON or JSON null
    /// makes the message poison.
    /// </summary>
    public static IBodyDecoder<T> Json<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return new JsonDecoder<T>(typeInfo);
    }

    private sealed class BytesDecoder : IBodyDecoder<ReadOnlyMemory<byte>>
    {
        public ReadOnlyMemory<byte> Decode(ReadOnlyMemory<byte> body, string? messageId) => body;
    }

    private sealed class TextDecoder : IBodyDecoder<string>
    {
        public string Decode(ReadOnlyMemory<byte> body, string? messageId) => MessageBodyReader.DecodeText(body.Span, messageId);
    }

    private sealed class JsonDecoder<T>(JsonTypeInfo<T> typeInfo) : IBodyDecoder<T>
    {
        public T Decode(ReadOnlyMemory<byte> body, string? messageId) => MessageBodyReader.DecodeJson(body.Span, messageId, typeInfo);
    }
}
