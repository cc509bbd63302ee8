namespace Contract.Tests.Events;

/// <summary>A message's JMS properties as Lambda sends them: every value as text, names in order, the last value of a repeated name.</summary>
public sealed class ActiveMqPropertiesTests
{
    private static ActiveMqMessage ParseMessage(string messageJson) => ActiveMqEventTests.ParseMessage(messageJson);

    [Fact]
    public void Deserialize_PropertiesWithNonStringValues_KeepsTheirJsonText()
    {
        var message = ParseMessage("""{"data":"","properties":{"s":"text","n":42,"d":1.5,"b":true,"z":null,"o":{"a":1}}}""");

        var properties = message.Properties!;
        Assert.Equal("text", properties["s"]);
        Assert.Equal("42", properties["n"]);
        Assert.Equal("1.5", properties["d"]);
        Assert.Equal("true", properties["b"]);
        Assert.Equal("null", properties["z"]);
        Assert.Equal("{\"a\":1}", properties["o"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(20)]
    public void Deserialize_ManyPropertiesWithARepeatedName_KeepsEveryNameInOrderAndTheLastValue(int count)
    {
        var pairs = string.Join(',', Enumerable.Range(0, count).Select(i => $"\"p{i}\":\"v{i}\""));
        var message = ParseMessage("{\"data\":\"\",\"properties\":{" + pairs + ",\"p0\":\"again\"}}");

        var properties = message.Properties!;
        Assert.Equal(count, properties.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"p{i}"), properties.Keys);
        Assert.Equal("again", properties["p0"]);
        Assert.Equal(count == 1 ? "again" : $"v{count - 1}", properties[$"p{count - 1}"]);
        Assert.False(properties.ContainsKey("P0"));
        Assert.Throws<KeyNotFoundException>(() => properties["absent"]);
    }

    [Fact]
    public void Deserialize_PropertiesNull_IsNull()
    {
        Assert.Null(ParseMessage("""{"data":"","properties":null}""").Properties);
    }
}
