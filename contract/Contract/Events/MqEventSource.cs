using System.Text.Json;

namespace Contract.Events;

/// <summary>The <c>eventSource</c> names of Amazon MQ events and a way to tell them apart before deserializing.</summary>
public static class MqEventSource
{
    /// <summary>ActiveMQ, as Lambda sends it.</summary>
    public const string ActiveMq = "aws:mq";

    /// <summary>ActiveMQ, as older AWS documentation and the .NET test fixture spell it.</summary>
    public const string LegacyActiveMq = "aws:amq";

    /// <summary>RabbitMQ.</summary>
    public const string RabbitMq = "aws:rmq";

    /// <summary>Maps an <c>eventSource</c> value to its kind (case-insensitive).</summary>
    public static MqEventKind FromName(string? eventSource) => eventSource?.ToUpperInvariant() switch
    {
        "AWS:MQ" or "AWS:AMQ" => MqEventKind.ActiveMq,
        "AWS:RMQ" => MqEventKind.RabbitMq,
        _ => MqEventKind.Unknown,
    };

    /// <summary>
    /// Tells the event kind from the top-level JSON: <c>eventSource</c> when present, else whether the batch is in
    /// <c>messages</c> (ActiveMQ) or <c>rmqMessagesByQueue</c> (RabbitMQ). Reads without building objects.
    /// </summary>
    /// <exception cref="JsonException">The payload is not a JSON object.</exception>
    public static MqEventKind Detect(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The event is not a JSON object.");
        }

        var byShape = MqEventKind.Unknown;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "eventSource", StringComparison.OrdinalIgnoreCase) && reader.TokenType == JsonTokenType.String)
            {
                var kind = FromName(reader.GetString());
                if (kind != MqEventKind.Unknown)
                {
                    return kind;
                }
            }
            else if (string.Equals(name, "messages", StringComparison.OrdinalIgnoreCase))
            {
                byShape = MqEventKind.ActiveMq;
            }
            else if (string.Equals(name, "rmqMessagesByQueue", StringComparison.OrdinalIgnoreCase))
            {
                byShape = MqEventKind.RabbitMq;
            }

            reader.Skip();
        }

        return byShape;
    }
}
