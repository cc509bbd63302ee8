using System.Text;
using Contract;
using Contract.Events;

namespace Functions.Bench;

/// <summary>A large aws:mq event shaped like what Lambda sends: order bodies, JMS headers, forwarder properties.</summary>
internal static class BenchEvent
{
    /// <summary>
    /// An event of <paramref name="count"/> messages (about 600 bytes of JSON each, as in a 6 MB batch of 10,000), their
    /// ids numbered from <paramref name="first"/>: events with other numbers are other messages to the idempotency store.
    /// </summary>
    public static byte[] Create(int count, int first = 1)
    {
        var messages = new ActiveMqMessage[count];
        var destination = new ActiveMqDestination { PhysicalName = "orders" };
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
            messages[i] = new ActiveMqMessage
            {
                MessageId = $"ID:b-9bcfa592-423a-4942-879d-eb284b418fc8-1.mq.us-east-1.amazonaws.com-37557-1764064799000-4:1:1:1:{first + i}",
                MessageType = ActiveMqMessage.TextMessageType,
                DeliveryMode = 2,
                ReplyTo = "null",
                Type = "",
                Expiration = 0,
                Priority = 4,
                CorrelationId = "",
                Redelivered = false,
                Destination = destination,
                Data = MessageData.FromText(body.ToString()),
                Timestamp = 1764064800001L + i,
                BrokerInTime = 1764064800003L + i,
                BrokerOutTime = 1764064800006L + i,
                Properties = new Dictionary<string, string>
                {
                    [ProvenanceProperties.OriginId] = $"ID:legacy-host-41213-1764060000000-1:1:1:1:{first + i}",
                },
            };
        }

        return LambdaEventWriter.Write(new ActiveMqEvent
        {
            EventSource = MqEventSource.ActiveMq,
            EventSourceArn = "arn:aws:mq:us-east-1:111122223333:broker:orders-broker:b-9bcfa592-423a-4942-879d-eb284b418fc8",
            Messages = messages,
        });
    }
}
