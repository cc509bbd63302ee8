using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Contract.Events;

/// <summary>
/// Reads a message body as text or JSON, failing with a <see cref="MessageBodyException"/> that names the message
/// and the reason. The message types' <c>Decode*</c> helpers use it; code holding only the body bytes can too.
/// </summary>
public static class MessageBodyReader
{
    // Throwing, not replacing with U+FFFD: a silently altered body would be processed as if it were what was sent.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body as UTF-8 text; invalid UTF-8 throws <see cref="MessageBodyException"/>.</summary>
    public static string DecodeText(ReadOnlySpan<byte> body, string? messageId)
    {
        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException ex)
        {
            throw new MessageBodyException(messageId, $"body is not valid UTF-8 (invalid byte at index {ex.Index})", ex);
        }
    }

    /// <summary>The body as JSON; invalid JSON, a wrong shape or JSON null throws <see cref="MessageBodyException"/>.</summary>
    public static T DecodeJson<T>(ReadOnlySpan<byte> body, string? messageId, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo)
                ?? throw new MessageBodyException(messageId, $"body is JSON null, expected {typeof(T).Name}");
        }
        catch (JsonException ex)
        {
            var where = ex.Path is null ? string.Empty : $" at {ex.Path} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})";
            throw new MessageBodyException(messageId, $"body is not a valid {typeof(T).Name} JSON document{where}: {ex.Message}", ex);
        }
    }

    internal static byte[] DecodeBody(MessageData data, string? messageId) =>
        data.GetBytesOrThrow(messageId).AsSpan().ToArray();

    internal static bool TryDecodeBody(MessageData data, out byte[] body, out string? error)
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

    internal static string DecodeText(MessageData data, string? messageId) => DecodeText(data.GetBytesOrThrow(messageId), messageId);

    internal static T DecodeJson<T>(MessageData data, string? messageId, JsonTypeInfo<T> typeInfo) =>
        DecodeJson(data.GetBytesOrThrow(messageId), messageId, typeInfo);
}
