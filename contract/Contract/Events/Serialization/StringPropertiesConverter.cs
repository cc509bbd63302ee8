using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Contract.Events.Serialization;

/// <summary>
/// Reads JMS properties as string → string. All of AWS's samples send strings, but a JMS property may be a number
/// or boolean; such a value (and null, objects, arrays) is kept as its JSON text, so nothing is lost.
/// </summary>
internal sealed class StringPropertiesConverter : JsonConverter<IReadOnlyDictionary<string, string>?>
{
    public override bool HandleNull => true;

    public override IReadOnlyDictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected 'properties' to be an object or null, got {reader.TokenType}.");
        }

        // A few properties (every real message) in a small map; more in a dictionary, from the first past its size.
        var few = new SmallStringMap();
        Dictionary<string, string>? many = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = KnownName(ref reader) ?? reader.GetString()!;
            reader.Read();
            var value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString()!,
                JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null
                    => Encoding.UTF8.GetString(reader.ValueSpan),
                _ => ReadRaw(ref reader),
            };
            if (many is null && !few.TrySet(name, value))
            {
                many = few.ToDictionary();
            }

            if (many is not null)
            {
                many[name] = value;
            }
        }

        return many ?? (IReadOnlyDictionary<string, string>)few;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string>? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        foreach (var (name, text) in value)
        {
            writer.WriteString(name, text);
        }

        writer.WriteEndObject();
    }

    // The forwarder stamps these on every message: one shared string each, not one per message of a 10,000 batch.
    private static string? KnownName(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals(ProvenanceProperties.OriginId) ? ProvenanceProperties.OriginId
        : reader.ValueTextEquals(ProvenanceProperties.OriginQueue) ? ProvenanceProperties.OriginQueue
        : reader.ValueTextEquals(ProvenanceProperties.Link) ? ProvenanceProperties.Link
        : reader.ValueTextEquals(ProvenanceProperties.Time) ? ProvenanceProperties.Time
        : reader.ValueTextEquals(ProvenanceProperties.Hops) ? ProvenanceProperties.Hops
        : reader.ValueTextEquals(ProvenanceProperties.RedriveCount) ? ProvenanceProperties.RedriveCount
        : null;

    private static string ReadRaw(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }
}
