using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Functions.Runtime.Events;

/// <summary>The body helpers shared by ActiveMQ and RabbitMQ messages.</summary>
internal static class MessageBodyReader
{
    // Throwing, not replacing with U+FFFD: a silently altered body would be processed as if it were what was sent.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] DecodeBody(MessageData data, string? messageId) =>
        data.GetBytesOrThrow(messageId).AsSpan().ToArray();

    public static bool TryDecodeBody(MessageData data, out byte[] body, out string? error)
    {
        if (data.IsValid)
        {
            body = data.Bytes.ToArray();
            error = null;
            return true;
        }

        body = [];
        error = data.Error;
        return false;
    }

    public static string DecodeText(MessageData data, string? messageId)
    {
        var bytes = data.GetBytesOrThrow(messageId);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new MessageBodyException(messageId, $"body is not valid UTF-8 (invalid byte at index {ex.Index})", ex);
        }
    }

    public static T DecodeJson<T>(MessageData data, string? messageId, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var bytes = data.GetBytesOrThrow(messageId);
        try
        {
            return JsonSerializer.Deserialize(bytes, typeInfo)
                ?? throw new MessageBodyException(messageId, $"body is JSON null, expected {typeof(T).Name}");
        }
        catch (JsonException ex)
        {
            var where = ex.Path is null ? string.Empty : $" at {ex.Path} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})";
            throw new MessageBodyException(messageId, $"body is not a valid {typeof(T).Name} JSON document{where}: {ex.Message}", ex);
        }
    }
}
