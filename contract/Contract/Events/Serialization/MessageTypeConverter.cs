using System.Text.Json;
using System.Text.Json.Serialization;

namespace Contract.Events.Serialization;

/// <summary>Returns the two known <c>messageType</c> values as shared strings: a 10,000-message batch needs no 10,000 copies.</summary>
internal sealed class MessageTypeConverter : LenientStringConverter
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null
        : reader.TokenType != JsonTokenType.String ? throw new JsonException($"Expected 'messageType' to be a string, got {reader.TokenType}.")
        : reader.ValueTextEquals("jms/text-message"u8) ? ActiveMqMessage.TextMessageType
        : reader.ValueTextEquals("jms/bytes-message"u8) ? ActiveMqMessage.BytesMessageType
        : reader.GetString();
}
