using System.Text.Json.Nodes;

namespace Functions.Tests.Processing;

/// <summary>Builds aws:mq and aws:rmq payloads as Lambda sends them.</summary>
internal static class TestEvents
{
    public const string BrokerArn = "arn:aws:mq:us-east-1:123456789012:broker:test:b-1";

    public static JsonObject TextMessage(string id, string text, IDictionary<string, string>? properties = null, bool redelivered = false) =>
        Message(id, Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), "jms/text-message", properties, redelivered);

    public static JsonObject BytesMessage(string id, byte[] body) =>
        Message(id, Convert.ToBase64String(body), "jms/bytes-message", null, false);

    public static JsonObject Message(string id, string? data, string type = "jms/text-message", IDictionary<string, string>? properties = null, bool redelivered = false)
    {
        var message = new JsonObject
        {
            ["messageID"] = id,
            ["messageType"] = type,
            ["deliveryMode"] = 2,
            ["correlationID"] = "corr-" + id,
            ["redelivered"] = redelivered,
            ["destination"] = new JsonObject { ["physicalName"] = "orders" },
            ["timestamp"] = 1_700_000_000_000,
            ["data"] = data,
        };
        if (properties is not null)
        {
            var props = new JsonObject();
            foreach (var (key, value) in properties)
            {
                props[key] = value;
            }

            message["properties"] = props;
        }

        return message;
    }

    public static byte[] ActiveMq(params JsonObject[] messages) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["eventSource"] = "aws:mq",
        ["eventSourceArn"] = BrokerArn,
        ["messages"] = new JsonArray([.. messages]),
    }.ToJsonString());

    public static string Order(string orderId = "ORD-1001", string currency = "EUR", int quantity = 2) =>
        $$"""{"orderId":"{{orderId}}","customerId":"C-42","currency":"{{currency}}","lines":[{"sku":"A-1","quantity":{{quantity}},"unitPrice":9.95}]}""";
}
