namespace Local.Tests.EventSource;

public sealed class MqEventWriterTests
{
    private const string Arn = "arn:aws:mq:us-east-1:000000000000:broker:cloud:b-local";

    [Fact]
    public void Write_TextMessageWithJmsHeaders_HasAwsFieldNamesAndValues()
    {
        var headers = new Dictionary<string, string>
        {
            ["message-id"] = "ID:cloud-1:1:1:1:7",
            ["destination"] = "/queue/orders",
            ["subscription"] = "1",
            ["ack"] = "ID:ack-1",
            ["persistent"] = "true",
            ["correlation-id"] = "corr-1",
            ["reply-to"] = "/queue/orders.Reply",
            ["type"] = "legacy.order.text",
            ["expires"] = "1795612728546",
            ["priority"] = "7",
            ["timestamp"] = "1795609128546",
            ["redelivered"] = "true",
            ["pLong"] = "9007199254740993",
            ["pBool"] = "true",
            [ProvenanceProperties.OriginId] = "ID:onprem-1:1:1:1:7",
        };
        byte[] body = [.. "{\"n\":\""u8, 0xED, 0xA0, 0xBD, 0xED, 0xBA, 0x80, .. "\"}"u8];
        var message = new ReceivedMessage("ID:cloud-1:1:1:1:7", "/queue/orders", headers, body, HasContentLength: false, Redelivered: true, ReceivedAt: 1795609130000);

        using var json = JsonDocument.Parse(MqEventWriter.Write([message], Arn));

        var root = json.RootElement;
        Assert.Equal("aws:mq", root.GetProperty("eventSource").GetString());
        Assert.Equal(Arn, root.GetProperty("eventSourceArn").GetString());
        var m = Assert.Single(root.GetProperty("messages").EnumerateArray());
        Assert.Equal("ID:cloud-1:1:1:1:7", m.GetProperty("messageID").GetString());
        Assert.Equal("jms/text-message", m.GetProperty("messageType").GetString());
        Assert.Equal(2, m.GetProperty("deliveryMode").GetInt32());
        Assert.Equal("corr-1", m.GetProperty("correlationID").GetString());
        Assert.Equal("queue://orders.Reply", m.GetProperty("replyTo").GetString());
        Assert.Equal("legacy.order.text", m.GetProperty("type").GetString());
        Assert.Equal(1795612728546, m.GetProperty("expiration").GetInt64());
        Assert.Equal(7, m.GetProperty("priority").GetInt32());
        Assert.True(m.GetProperty("redelivered").GetBoolean());
        Assert.Equal(1795609128546, m.GetProperty("timestamp").GetInt64());
        Assert.Equal(1795609128546, m.GetProperty("brokerInTime").GetInt64());
        Assert.Equal(1795609130000, m.GetProperty("brokerOutTime").GetInt64());
        Assert.Equal("orders", m.GetProperty("destination").GetProperty("physicalName").GetString());
        var properties = m.GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(new Dictionary<string, string?> { [ProvenanceProperties.OriginId] = "ID:onprem-1:1:1:1:7", ["pBool"] = "true", ["pLong"] = "9007199254740993" }, properties);
        Assert.Equal("{\"n\":\"\U0001F680\"}", Encoding.UTF8.GetString(Convert.FromBase64String(m.GetProperty("data").GetString()!)));
    }

    [Fact]
    public void Write_BytesMessageWithoutOptionalHeaders_KeepsBytesAndWritesNulls()
    {
        var headers = new Dictionary<string, string> { ["message-id"] = "ID:x:1", ["destination"] = "/queue/raw", ["content-length"] = "4" };
        byte[] body = [0x00, 0xFF, 0xC0, 0x80];
        var message = new ReceivedMessage("ID:x:1", "/queue/raw", headers, body, HasContentLength: true, Redelivered: false, ReceivedAt: 5);

        using var json = JsonDocument.Parse(MqEventWriter.Write([message], Arn));

        var m = json.RootElement.GetProperty("messages")[0];
        Assert.Equal("jms/bytes-message", m.GetProperty("messageType").GetString());
        Assert.Equal(1, m.GetProperty("deliveryMode").GetInt32());
        Assert.Equal(JsonValueKind.Null, m.GetProperty("correlationID").ValueKind);
        Assert.Equal(JsonValueKind.Null, m.GetProperty("replyTo").ValueKind);
        Assert.Equal(JsonValueKind.Null, m.GetProperty("type").ValueKind);
        Assert.Equal(0, m.GetProperty("expiration").GetInt64());
        Assert.Equal(4, m.GetProperty("priority").GetInt32());
        Assert.False(m.GetProperty("redelivered").GetBoolean());
        Assert.Empty(m.GetProperty("properties").EnumerateObject());
        // Bytes are never converted: C0 80 stays as it is.
        Assert.Equal(body, Convert.FromBase64String(m.GetProperty("data").GetString()!));
    }

    [Fact]
    public void Write_ManyMessages_KeepsOrderAndStaysWithinEstimatedSize()
    {
        var messages = Enumerable.Range(1, 50).Select(i => new ReceivedMessage(
            $"ID:m:{i}", "/queue/orders",
            new Dictionary<string, string> { ["message-id"] = $"ID:m:{i}", ["note"] = $"line\n{i} \"quoted\" ü", ["seq"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new byte[i * 10], HasContentLength: true, Redelivered: false, ReceivedAt: i)).ToList();

        var bytes = MqEventWriter.Write(messages, Arn);
        using var json = JsonDocument.Parse(bytes);

        Assert.Equal(messages.Select(m => m.MessageId), json.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("messageID").GetString()));
        Assert.True(bytes.Length <= messages.Sum(m => m.EstimatedEventBytes) + 200, $"event of {bytes.Length} bytes is larger than the batcher's estimate");
    }

    [Fact]
    public void Write_AnyBatch_ReadsBackThroughTheFunctionsEventModel()
    {
        var headers = new Dictionary<string, string>
        {
            ["message-id"] = "ID:c:1",
            ["persistent"] = "true",
            ["correlation-id"] = "corr",
            ["priority"] = "9",
            ["expires"] = "1795612728546",
            ["timestamp"] = "1795609128546",
            [ProvenanceProperties.OriginId] = "ID:o:1",
        };
        var message = new ReceivedMessage("ID:c:1", "/queue/orders", headers, "héllo"u8.ToArray(), HasContentLength: false, Redelivered: true, ReceivedAt: 1795609130000);

        var mqEvent = JsonSerializer.Deserialize(MqEventWriter.Write([message], Arn), Contract.Events.MqEventSerializerContext.Default.ActiveMqEvent)!;

        Assert.Equal("aws:mq", mqEvent.EventSource);
        var m = Assert.Single(mqEvent.Messages);
        Assert.Equal(("ID:c:1", "corr", 2, 9, 1795612728546L, true), (m.MessageId, m.CorrelationId, m.DeliveryMode, m.Priority, m.Expiration, m.Redelivered));
        Assert.True(m.IsText);
        Assert.Equal("orders", m.Destination!.PhysicalName);
        Assert.Equal("ID:o:1", m.Properties![ProvenanceProperties.OriginId]);
        Assert.Equal("héllo", m.DecodeText());
    }

    [Theory]
    [InlineData("/queue/a.b", "queue://a.b")]
    [InlineData("/topic/t", "topic://t")]
    [InlineData("/temp-queue/ID:x", "temp-queue://ID:x")]
    [InlineData("bare", "bare")]
    public void ToActiveMqDestination_StompName_BecomesActiveMqName(string stomp, string expected) =>
        Assert.Equal(expected, MqEventWriter.ToActiveMqDestination(stomp));
}
