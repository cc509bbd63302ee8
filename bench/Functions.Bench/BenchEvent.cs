using System.Text;
using System.Text.Json;

namespace Functions.Bench;

/// <summary>A large aws:mq event shaped like what Lambda sends: order bodies, JMS headers, forwarder properties.</summary>
internal static class BenchEvent
{
    /// <summary>An event of <paramref name="count"/> messages (about 600 bytes of JSON each, as in a 6 MB batch of 10,000).</summary>
    public static byte[] Create(int count)
    {
        using var buffer = new MemoryStream(count * 640);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("eventSource", "aws:mq");
            json.WriteString("eventSourceArn", "arn:aws:mq:us-east-1:111122223333:broker:orders-broker:b-9bcfa592-423a-4942-879d-eb284b418fc8");
            json.WriteStartArray("messages");
            var body = new StringBuilder();
            for (var i = 0; i < count; i++)
            {
                body.Clear().Append($$"""{"orderId":"ORD-{{i:D7}}","currency":"EUR","lines":[""");
                for (var line = 0; line < 1; line++)
                {
                    body.Append($$"""{"sku":"SKU-{{(i + line) % 5000:D5}}","quantity":{{1 + line}},"unitPrice":{{9 + line}}.95},""");
                }

                body.Length--;
                body.Append("]}");
                json.WriteStartObject();
                json.WriteString("messageID", $"ID:b-9bcfa592-423a-4942-879d-eb284b418fc8-1.mq.us-east-1.amazonaws.com-37557-1764064799000-4:1:1:1:{i + 1}");
                json.WriteString("messageType", "jms/text-message");
                json.WriteNumber("deliveryMode", 2);
                json.WriteString("replyTo", "null");
                json.WriteString("type", "");
                json.WriteNumber("expiration", 0);
                json.WriteNumber("priority", 4);
                json.WriteString("correlationID", "");
                json.WriteBoolean("redelivered", false);
                json.WriteStartObject("destination");
                json.WriteString("physicalName", "orders");
                json.WriteEndObject();
                json.WriteBase64String("data", Encoding.UTF8.GetBytes(body.ToString()));
                json.WriteNumber("timestamp", 1764064800001L + i);
                json.WriteNumber("brokerInTime", 1764064800003L + i);
                json.WriteNumber("brokerOutTime", 1764064800006L + i);
                json.WriteStartObject("properties");
                json.WriteString("fwd_origin_id", $"ID:legacy-host-41213-1764060000000-1:1:1:1:{i + 1}");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
