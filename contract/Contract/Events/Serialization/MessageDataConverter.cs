using System.Text.Json;
using System.Text.Json.Serialization;

namespace Contract.Events.Serialization;

/// <summary>
/// Decodes <c>data</c> straight from the UTF-8 JSON into bytes. Text that is not base64 is not an error here: it
/// becomes an invalid <see cref="MessageData"/>, so one bad message is dead-lettered instead of failing the batch.
/// </summary>
internal sealed class MessageDataConverter : JsonConverter<MessageData>
{
    public override bool HandleNull => true;

    public override MessageData Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return MessageData.Missing;
            case JsonTokenType.String:
                // The strict decoder needs no intermediate string; only a failure (rare) pays for one.
                return reader.TryGetBytesFromBase64(out var bytes) && bytes is not null
                    ? MessageData.FromDecoded(bytes)
                    : MessageData.FromBase64(reader.GetString());
            default:
                // Lambda always sends a string; anything else is kept (as JSON text) for the dead-letter copy.
                var tokenType = reader.TokenType;
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    return MessageData.Invalid(document.RootElement.GetRawText(), $"'data' is not a base64 string but a JSON {tokenType}");
                }
        }
    }

    public override void Write(Utf8JsonWriter writer, MessageData value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null || (!value.IsValid && value.RawText is null))
        {
            writer.WriteNullValue();
        }
        else if (value.IsValid)
        {
            writer.WriteBase64StringValue(value.Bytes.Span);
        }
        else
        {
            writer.WriteStringValue(value.RawText);
        }
    }
}
