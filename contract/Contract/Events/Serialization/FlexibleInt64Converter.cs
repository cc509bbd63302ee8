using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Contract.Events.Serialization;

/// <summary>
/// Reads an integer sent as a JSON number or as a string (<c>60000</c> or <c>"60000"</c>); null, <c>""</c> and
/// <c>"null"</c> read as null. AWS's samples use both forms for the same field.
/// </summary>
internal sealed class FlexibleInt64Converter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadInt64(ref reader);

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options) =>
        WriteInt64(writer, value);

    /// <summary>Writes a number, or null; always a number, the form Lambda sends.</summary>
    internal static void WriteInt64(Utf8JsonWriter writer, long? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    internal static long? ReadInt64(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var number))
                {
                    return number;
                }

                // 1.598e12 is an integer written in exponent form; a real fraction is not an integer.
                var real = reader.GetDouble();
                return real == Math.Floor(real) && real is >= long.MinValue and <= long.MaxValue
                    ? (long)real
                    : throw new JsonException($"Expected an integer, got {real}.");
            case JsonTokenType.String:
                // Real events send numbers; the string form (older samples) is rare, so allocating here is fine.
                return ParseText(reader.GetString()!);
            default:
                throw new JsonException($"Expected an integer or a numeric string, got {reader.TokenType}.");
        }
    }

    private static long? ParseText(string text) =>
        text.Length == 0 || text == "null" ? null
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new JsonException($"Expected an integer or a numeric string, got \"{text}\".");
}
