namespace Contract.Tests.Events;

public sealed class ActiveMqEventTests
{
    private static ActiveMqEvent Parse(string json) =>
        JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), MqEventSerializerContext.Default.ActiveMqEvent)!;

    internal static ActiveMqMessage ParseMessage(string messageJson) =>
        Parse($$"""{"eventSource":"aws:mq","messages":[{{messageJson}}]}""").Messages.Single();

    [Theory]
    [InlineData("activemq-text.json", 2)]
    [InlineData("activemq-bytes.json", 1)]
    [InlineData("activemq-order.json", 2)]
    [InlineData("activemq-poison.json", 4)]
    [InlineData("activemq-redelivered.json", 1)]
    [InlineData("activemq-doc-variant.json", 2)]
    public void Deserialize_SampleEventFile_ReadsEveryMessage(string file, int count)
    {
        var json = SampleEvents.Read(file);

        var evt = JsonSerializer.Deserialize(json, MqEventSerializerContext.Default.ActiveMqEvent)!;

        Assert.Equal(MqEventKind.ActiveMq, MqEventSource.Detect(json));
        Assert.Equal(MqEventKind.ActiveMq, MqEventSource.FromName(evt.EventSource));
        Assert.StartsWith("arn:aws:mq:", evt.EventSourceArn, StringComparison.Ordinal);
        Assert.Equal(count, evt.Messages.Count);
        Assert.All(evt.Messages, message =>
        {
            Assert.StartsWith("ID:", message.MessageId, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(message.Destination?.PhysicalName));
            Assert.True(message.IsText || message.IsBytes);
        });
    }

    [Fact]
    public void Deserialize_PoisonSample_EventReadsAndEachBadMessageCarriesItsProblem()
    {
        var evt = JsonSerializer.Deserialize(SampleEvents.Read("activemq-poison.json"), MqEventSerializerContext.Default.ActiveMqEvent)!;

        Assert.Equal("ORD-1001", evt.Messages[0].DecodeJson(TestJsonContext.Default.TestOrder).OrderId);
        Assert.Equal(-2, evt.Messages[1].DecodeJson(TestJsonContext.Default.TestOrder).Lines[0].Quantity);
        Assert.False(evt.Messages[2].Data.IsValid);
        Assert.Equal("this is not base64!", evt.Messages[2].Data.RawText);
        Assert.Throws<MessageBodyException>(() => evt.Messages[3].DecodeJson(TestJsonContext.Default.TestOrder));
        Assert.Equal(4, evt.Messages.Select(m => m.Properties![ProvenanceProperties.OriginId]).Distinct().Count());
    }

    [Fact]
    public void Deserialize_RedeliveredSample_IsRedeliveryOfFirstOrder()
    {
        var order = JsonSerializer.Deserialize(SampleEvents.Read("activemq-order.json"), MqEventSerializerContext.Default.ActiveMqEvent)!.Messages[0];
        var again = JsonSerializer.Deserialize(SampleEvents.Read("activemq-redelivered.json"), MqEventSerializerContext.Default.ActiveMqEvent)!.Messages[0];

        Assert.True(again.Redelivered);
        Assert.False(order.Redelivered);
        Assert.Equal(order.Properties![ProvenanceProperties.OriginId], again.Properties![ProvenanceProperties.OriginId]);
        Assert.Equal(order.DecodeBody(), again.DecodeBody());
    }

    [Fact]
    public void Deserialize_RealShape_ReadsEveryField()
    {
        var message = ParseMessage("""
            {"messageID":"ID:b-1.mq.us-east-1.amazonaws.com-37557-1:1:1:1:1","messageType":"jms/text-message",
             "deliveryMode":2,"replyTo":"null","type":"","expiration":0,"priority":4,"correlationID":"c-1",
             "redelivered":true,"destination":{"physicalName":"orders"},"data":"SGk=","timestamp":1598827811958,
             "brokerInTime":1598827811959,"brokerOutTime":1598827811960,"properties":{"fwd_origin_id":"ID:legacy:1"}}
            """);

        Assert.Equal("ID:b-1.mq.us-east-1.amazonaws.com-37557-1:1:1:1:1", message.MessageId);
        Assert.True(message.IsText);
        Assert.False(message.IsBytes);
        Assert.Equal(2, message.DeliveryMode);
        Assert.Null(message.ReplyTo);
        Assert.Equal(string.Empty, message.Type);
        Assert.Equal(0, message.Expiration);
        Assert.Equal(4, message.Priority);
        Assert.Equal("c-1", message.CorrelationId);
        Assert.True(message.Redelivered);
        Assert.Equal("orders", message.Destination!.PhysicalName);
        Assert.Equal("Hi", message.DecodeText());
        Assert.Equal(1598827811958, message.Timestamp);
        Assert.Equal(1598827811959, message.BrokerInTime);
        Assert.Equal(1598827811960, message.BrokerOutTime);
        Assert.Equal("ID:legacy:1", message.Properties![ProvenanceProperties.OriginId]);
    }

    [Fact]
    public void Deserialize_OldDocumentationVariant_ReadsAmqPhysicalnameStringExpirationAndCorrelationId()
    {
        var evt = JsonSerializer.Deserialize(SampleEvents.Read("activemq-doc-variant.json"), MqEventSerializerContext.Default.ActiveMqEvent)!;

        Assert.Equal("aws:amq", evt.EventSource);
        var first = evt.Messages[0];
        Assert.Equal("testQueue", first.Destination!.PhysicalName);
        Assert.Equal(60000, first.Expiration);
        Assert.Equal("myJMSCoID", first.CorrelationId);
        Assert.Equal("myJMSCoID", first.ConnectionId);
        Assert.True(first.Persistent);
        Assert.Null(first.ReplyTo);
        Assert.Equal("ABC:AAAA", first.DecodeText());
        Assert.Equal("value", first.Properties!["myCustomProperty"]);
        var second = evt.Messages[1];
        Assert.Null(second.Properties);
        Assert.Null(second.Expiration);
        Assert.Null(second.CorrelationId);
        Assert.True(second.IsBytes);
        Assert.Equal(20, second.DecodeBody().Length);
    }

    [Theory]
    [InlineData("\"60000\"", 60000L)]
    [InlineData("60000", 60000L)]
    [InlineData("\" 60000 \"", 60000L)]
    [InlineData("1.598e3", 1598L)]
    [InlineData("\"null\"", null)]
    [InlineData("\"\"", null)]
    [InlineData("null", null)]
    public void Deserialize_ExpirationAsNumberOrString_ReadsSameValue(string json, long? expected)
    {
        var message = ParseMessage($$"""{"messageID":"ID:1","data":"","expiration":{{json}},"timestamp":{{json}},"brokerInTime":{{json}},"brokerOutTime":{{json}}}""");

        Assert.Equal(expected, message.Expiration);
        Assert.Equal(expected, message.Timestamp);
        Assert.Equal(expected, message.BrokerInTime);
        Assert.Equal(expected, message.BrokerOutTime);
    }

    [Theory]
    [InlineData("\"4\"", 4)]
    [InlineData("4", 4)]
    [InlineData("\"null\"", null)]
    [InlineData("null", null)]
    public void Deserialize_PriorityAndDeliveryModeAsNumberOrString_ReadsSameValue(string json, int? expected)
    {
        var message = ParseMessage($$"""{"messageID":"ID:1","data":"","priority":{{json}},"deliveryMode":{{json}}}""");

        Assert.Equal(expected, message.Priority);
        Assert.Equal(expected, message.DeliveryMode);
    }

    [Fact]
    public void Deserialize_MissingOptionalFields_LeavesThemNull()
    {
        var message = ParseMessage("""{"messageID":"ID:1","data":"SGk="}""");

        Assert.Null(message.MessageType);
        Assert.Null(message.Expiration);
        Assert.Null(message.Priority);
        Assert.Null(message.DeliveryMode);
        Assert.Null(message.Redelivered);
        Assert.Null(message.Destination);
        Assert.Null(message.Properties);
        Assert.Null(message.CorrelationId);
        Assert.False(message.IsText);
        Assert.False(message.IsBytes);
    }

    [Theory]
    [InlineData("messageID")]
    [InlineData("messageId")]
    [InlineData("MESSAGEID")]
    public void Deserialize_MessageIdInAnyCase_ReadsIt(string name)
    {
        var message = ParseMessage($$"""{"{{name}}":"ID:x","data":""}""");

        Assert.Equal("ID:x", message.MessageId);
    }

    [Theory]
    [InlineData("correlationId")]
    [InlineData("correlationID")]
    public void Deserialize_CorrelationIdEitherSpelling_ReadsIt(string name)
    {
        Assert.Equal("c-9", ParseMessage($$"""{"{{name}}":"c-9","data":""}""").CorrelationId);
    }

    [Theory]
    [InlineData("\"null\"", null)]
    [InlineData("null", null)]
    [InlineData("\"queue://replies\"", "queue://replies")]
    [InlineData("{\"physicalName\":\"replies\"}", "replies")]
    public void Deserialize_ReplyToVariants_ReadsNameOrNull(string json, string? expected)
    {
        Assert.Equal(expected, ParseMessage($$"""{"data":"","replyTo":{{json}}}""").ReplyTo);
    }

    [Theory]
    [InlineData("""{"eventSource":"aws:mq","messages":null}""")]
    [InlineData("""{"eventSource":"aws:mq"}""")]
    [InlineData("""{"eventSource":"aws:mq","messages":[{"data":"","expiration":"soon"}]}""")]
    [InlineData("""{"eventSource":"aws:mq","messages":[""")]
    public void Deserialize_MalformedEvent_ThrowsJsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => Parse(json));
    }

    [Fact]
    public void Deserialize_NonNumericExpiration_ErrorNamesValueAndPath()
    {
        var error = Assert.ThrowsAny<JsonException>(() => Parse("""{"messages":[{"data":"","expiration":"soon"}]}"""));

        Assert.Contains("soon", error.Message, StringComparison.Ordinal);
        Assert.Equal("$.messages[0].expiration", error.Path);
    }

    [Fact]
    public void Serialize_Message_WritesLambdaNamesAndRoundTrips()
    {
        var original = new ActiveMqEvent
        {
            EventSource = MqEventSource.ActiveMq,
            EventSourceArn = "arn:aws:mq:us-east-1:111122223333:broker:b:b-1",
            Messages =
            [
                new ActiveMqMessage
                {
                    MessageId = "ID:1",
                    MessageType = ActiveMqMessage.BytesMessageType,
                    Data = MessageData.FromBytes([0, 1, 255]),
                    Destination = new ActiveMqDestination { PhysicalName = "q" },
                    Expiration = 0,
                    Properties = new Dictionary<string, string> { [ProvenanceProperties.OriginId] = "ID:origin" },
                },
            ],
        };

        var json = JsonSerializer.SerializeToUtf8Bytes(original, MqEventSerializerContext.Default.ActiveMqEvent);
        var text = Encoding.UTF8.GetString(json);
        var copy = JsonSerializer.Deserialize(json, MqEventSerializerContext.Default.ActiveMqEvent)!;

        Assert.Contains("\"messageID\":\"ID:1\"", text, StringComparison.Ordinal);
        Assert.Contains("\"data\":\"AAH/\"", text, StringComparison.Ordinal);
        Assert.Contains("\"physicalName\":\"q\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("correlationID", text, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0, 1, 255 }, copy.Messages[0].DecodeBody());
        Assert.Equal("ID:origin", copy.Messages[0].Properties![ProvenanceProperties.OriginId]);
    }

    [Theory]
    [InlineData("""{"eventSource":"aws:mq","messages":[]}""", MqEventKind.ActiveMq)]
    [InlineData("""{"eventSource":"AWS:AMQ","messages":[]}""", MqEventKind.ActiveMq)]
    [InlineData("""{"eventSource":"aws:rmq","rmqMessagesByQueue":{}}""", MqEventKind.RabbitMq)]
    [InlineData("""{"messages":[{"data":"x"}],"eventSource":"aws:mq"}""", MqEventKind.ActiveMq)]
    [InlineData("""{"messages":[]}""", MqEventKind.ActiveMq)]
    [InlineData("""{"rmqMessagesByQueue":{}}""", MqEventKind.RabbitMq)]
    [InlineData("""{"eventSource":"aws:sqs","Records":[]}""", MqEventKind.Unknown)]
    public void Detect_Event_ReturnsKind(string json, MqEventKind expected)
    {
        Assert.Equal(expected, MqEventSource.Detect(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("not json")]
    [InlineData("")]
    public void Detect_NotAnObject_ThrowsJsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => MqEventSource.Detect(Encoding.UTF8.GetBytes(json)));
    }
}
