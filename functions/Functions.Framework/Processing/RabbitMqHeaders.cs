using System.Text;
using System.Text.Json;

namespace Functions.Framework.Processing;

/// <summary>AMQP headers as text properties, so handlers see RabbitMQ and ActiveMQ messages alike.</summary>
internal static class RabbitMqHeaders
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Strings stay strings; <c>{"bytes":[...]}</c> (how Lambda sends AMQP long strings) becomes its UTF-8 text, or
    /// base64 when not UTF-8; numbers, booleans, arrays and other objects become their JSON text; nulls are left out.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ToProperties(IReadOnlyDictionary<string, JsonElement>? headers)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers ?? new Dictionary<string, JsonElement>())
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Null or JsonValueKind.Undefined:
                    break;
                case JsonValueKind.String:
                    properties[name] = value.GetString()!;
                    break;
                case JsonValueKind.Object when TryGetBytes(value, out var bytes):
                    properties[name] = TryUtf8(bytes) ?? Convert.ToBase64String(bytes);
                    break;
                default:
                    properties[name] = value.GetRawText();
                    break;
            }
        }

        return properties;
    }

    private static bool TryGetBytes(JsonElement value, out byte[] bytes)
    {
        bytes = [];
        if (!value.TryGetProperty("bytes", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var list = new List<byte>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            // Java bytes are signed: -128..127 stand for 0x80..0x7F.
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var b) || b is < -128 or > 255)
            {
                return false;
            }

            list.Add(unchecked((byte)b));
        }

        bytes = [.. list];
        return true;
    }

    private static string? TryUtf8(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not text: the caller keeps it as base64 instead.
            return null;
        }
    }
}
