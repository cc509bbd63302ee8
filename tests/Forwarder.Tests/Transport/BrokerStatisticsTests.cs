using Forwarder.Transport;

namespace Forwarder.Tests.Transport;

public sealed class BrokerStatisticsTests
{
    [Fact]
    public void ParseMap_JettisonMap_ReadsEachEntry()
    {
        var stats = BrokerStatistics.ParseMap("""{"map":{"entry":[{"string":"size","long":5},{"string":["destinationName","queue://Orders"]}]}}"""u8);

        Assert.Equal("5", stats["size"]);
        Assert.Equal("queue://Orders", stats["destinationName"]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"map":{"entry":[{"string":"size","long":5}""")]
    [InlineData("[1,2]")]
    [InlineData("""{"map":{"entry":[42]}}""")]
    [InlineData("")]
    public void ParseMap_ReplyThatDoesNotParse_ThrowsFormatException(string reply)
    {
        var ex = Assert.Throws<FormatException>(() => BrokerStatistics.ParseMap(Encoding.UTF8.GetBytes(reply)));

        Assert.StartsWith("not jms-map-json: ", ex.Message, StringComparison.Ordinal);
    }
}
