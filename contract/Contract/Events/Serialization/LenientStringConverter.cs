using System.Text.Json;
using System.Text.Json.Serialization;

namespace Contract.Events.Serialization;

/// <summary>
/// Base of the converters that read a string field leniently; they differ only in what they accept, and all write
/// the value back as a plain JSON string or null.
/// </summary>
internal abstract class LenientStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public sealed override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
