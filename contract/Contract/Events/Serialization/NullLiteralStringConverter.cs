using System.Text.Json;
using System.Text.Json.Serialization;

namespace Contract.Events.Serialization;

/// <summary>
/// Reads a string where Lambda writes the text <c>"null"</c> for "none" (JMSReplyTo). A destination object
/// (<c>{"physicalName": "q"}</c>) reads as its name; numbers and booleans as their JSON text.
/// </summary>
internal sealed class NullLiteralStringConverter : LenientStringConverter
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                // Every real message carries "null" here: compare without allocating a string for it.
                return reader.ValueTextEquals("null"u8) || reader.ValueTextEquals(""u8) ? null : reader.GetString();
            case JsonTokenType.StartObject:
                string? name = null;
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    foreach (var property in document.RootElement.EnumerateObject())
                    {
                        if (property.NameEquals("physicalName") || property.NameEquals("physicalname"))
                        {
                            name = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                        }
                    }

                    return name ?? document.RootElement.GetRawText();
                }

            default:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    return document.RootElement.GetRawText();
                }
        }
    }
}
