namespace Contract.Tests.Events;

public sealed class RabbitMqEventTests
{
    [Fact]
    public void Deserialize_SampleFile_ReadsQueuesPropertiesAndBody()
    {
        var json = SampleEvents.Read("rabbitmq.json");

        var evt = JsonSerializer.Deserialize(json, MqEventSerializerContext.Default.RabbitMqEvent)!;

        Assert.Equal(MqEventKind.RabbitMq, MqEventSource.Detect(json));
        var (key, messages) = Assert.Single(evt.RmqMessagesByQueue);
        Assert.Equal(("pizzaQueue", "/"), RabbitMqEvent.SplitQueueKey(key));
        var message = Assert.Single(messages);
        var properties = message.BasicProperties!;
        Assert.Equal("text/plain", properties.ContentType);
        Assert.Equal("60000", properties.Expiration);
        Assert.Equal("Jan 1, 1970, 12:33:41 AM", properties.Timestamp);
        Assert.Equal(34, properties.Priority);
        Assert.Equal(1, properties.DeliveryMode);
        Assert.Equal(80, properties.BodySize);
        Assert.Null(properties.MessageId);
        Assert.Equal(10, properties.Headers!["numberInHeader"].GetInt32());
        Assert.Equal(JsonValueKind.Object, properties.Headers["header1"].ValueKind);
        Assert.False(message.Redelivered);
        Assert.Equal("""{"timeout":0,"data":"CZrmf0Gw8Ov4bqLQxD4E"}""", message.DecodeText());
    }

    [Fact]
    public void Deserialize_ExpirationAsNumber_KeepsItsText()
    {
        var evt = JsonSerializer.Deserialize(
            """{"eventSource":"aws:rmq","rmqMessagesByQueue":{"q::/":[{"basicProperties":{"expiration":60000,"priority":null},"data":"@"}]}}"""u8,
            MqEventSerializerContext.Default.RabbitMqEvent)!;

        var message = evt.RmqMessagesByQueue["q::/"][0];
        Assert.Equal("60000", message.BasicProperties!.Expiration);
        Assert.Null(message.BasicProperties.Priority);
        Assert.Throws<MessageBodyException>(() => message.DecodeBody());
    }

    [Fact]
    public void Deserialize_WithoutMessagesByQueue_ThrowsJsonException()
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize("""{"eventSource":"aws:rmq"}"""u8, MqEventSerializerContext.Default.RabbitMqEvent));
    }

    [Theory]
    [InlineData("orders::/", "orders", "/")]
    [InlineData("orders::prod::eu", "orders::prod", "eu")]
    [InlineData("orders", "orders", "")]
    public void SplitQueueKey_Key_ReturnsQueueAndVirtualHost(string key, string queue, string vhost)
    {
        Assert.Equal((queue, vhost), RabbitMqEvent.SplitQueueKey(key));
    }
}
