using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Contract.Events.Serialization;

/// <summary>Reads a string field that some producers send as a number or boolean; those keep their JSON text.</summary>
internal sealed class StringOrNumberConverter : LenientStringConverter
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => Encoding.UTF8.GetString(reader.ValueSpan),
            _ => throw new JsonException($"Expected a string or a number, got {reader.TokenType}."),
        };
}
