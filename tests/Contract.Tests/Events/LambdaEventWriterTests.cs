using System.Text.Json.Nodes;

namespace Contract.Tests.Events;

public sealed class LambdaEventWriterTests
{
    [Theory]
    [InlineData("activemq-text.json")]
    [InlineData("activemq-bytes.json")]
    [InlineData("activemq-order.json")]
    [InlineData("activemq-poison.json")]
    [InlineData("activemq-redelivered.json")]
    public void Write_EventReadFromLambdaShapedSample_WritesTheSameFieldsInTheSameOrder(string file)
    {
        var sample = SampleEvents.Read(file);
        var expected = JsonNode.Parse(sample)!;

        var actual = JsonNode.Parse(LambdaEventWriter.Write(JsonSerializer.Deserialize(sample, MqEventSerializerContext.Default.ActiveMqEvent)!))!;

        // Lambda writes "replyTo": "null" (AWS's documentation shows null); the model reads both as no reply-to.
        foreach (var message in expected["messages"]!.AsArray())
        {
            Assert.Equal("null", message!["replyTo"]!.GetValue<string>());
            message["replyTo"] = null;
        }

        Assert.Equal(Names(expected), Names(actual));
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}, written {actual.ToJsonString()}");
    }

    [Fact]
    public void Write_MessageWithOnlyIdAndBody_WritesEveryLambdaFieldAsNullButNotTheOlderSamplesFields()
    {
        var mqEvent = new ActiveMqEvent { Messages = [new ActiveMqMessage { MessageId = "ID:1", Data = MessageData.FromBytes([1]) }] };

        var message = JsonNode.Parse(LambdaEventWriter.Write(mqEvent))!["messages"]![0]!.AsObject();

        Assert.Equal(
            ["messageID", "messageType", "deliveryMode", "replyTo", "type", "expiration", "priority", "correlationID", "redelivered",
                "destination", "data", "timestamp", "brokerInTime", "brokerOutTime", "properties"],
            message.Select(p => p.Key));
        Assert.All(message.Where(p => p.Key is not ("messageID" or "data")), p => Assert.Null(p.Value));
        Assert.Equal("AQ==", message["data"]!.GetValue<string>());
    }

    [Fact]
    public void Write_NonAsciiText_UnescapedAsLambdaWritesItButStillValidJson()
    {
        var properties = new Dictionary<string, string> { ["note"] = "ü \"q\" \\ \n 🚀" };
        var mqEvent = new ActiveMqEvent { Messages = [new ActiveMqMessage { Data = MessageData.FromText("x"), Properties = properties }] };

        var json = LambdaEventWriter.Write(mqEvent);

        // Only quotes, backslashes, control characters and surrogate pairs are escaped.
        Assert.Contains("\"note\":\"ü \\\"q\\\" \\\\ \\n \\uD83D\\uDE80\"", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
        Assert.Equal(properties["note"], JsonSerializer.Deserialize(json, MqEventSerializerContext.Default.ActiveMqEvent)!.Messages[0].Properties!["note"]);
    }

    private static List<string> Names(JsonNode root) =>
        [.. root.AsObject().Select(p => p.Key), .. root["messages"]!.AsArray().SelectMany(m => m!.AsObject().Select(p => p.Key))];
}
