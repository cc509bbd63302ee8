using System.Text.Json;
using System.Text.Json.Serialization;

namespace Contract.Events.Serialization;

/// <summary>The <see cref="int"/> form of <see cref="FlexibleInt64Converter"/>.</summary>
internal sealed class FlexibleInt32Converter : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = FlexibleInt64Converter.ReadInt64(ref reader);
        return value is null ? null
            : value is >= int.MinValue and <= int.MaxValue ? (int)value.Value
            : throw new JsonException($"Integer {value} is out of range.");
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options) =>
        FlexibleInt64Converter.WriteInt64(writer, value);
}
