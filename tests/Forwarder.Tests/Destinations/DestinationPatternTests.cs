namespace Forwarder.Tests.Destinations;

public sealed class DestinationPatternTests
{
    [Theory]
    [InlineData("Orders", "Orders", true)]
    [InlineData("Orders", "Orders.A", false)]
    [InlineData("queue://Orders", "Orders", true)]
    [InlineData("/queue/Orders", "Orders", true)]
    [InlineData("Orders.>", "Orders.A", true)]
    [InlineData("Orders.>", "Orders.A.B", true)]
    [InlineData("Orders.>", "Orders", true)]
    [InlineData("Orders.>", "OrdersX.A", false)]
    [InlineData("Orders.*", "Orders.A", true)]
    [InlineData("Orders.*", "Orders.A.B", false)]
    [InlineData("*.EU", "Orders.EU", true)]
    [InlineData("*.EU", "Orders.US", false)]
    [InlineData(">", "Anything", true)]
    [InlineData(">", "A.B.C", true)]
    [InlineData("Orders.*.>", "Orders.EU.1", true)]
    [InlineData("Orders.*.>", "Orders.EU", true)]
    [InlineData("Orders.*.>", "Orders", false)]
    [InlineData("Orders.>", "Ordersx", false)]
    [InlineData("Orders.A.>", "Orders", false)]
    [InlineData("*", "Orders", true)]
    [InlineData("*", "Orders.A", false)]
    [InlineData("Orders.*", "Orders", false)]
    [InlineData("*.*", "Orders..A", false)]
    [InlineData("*.*.*", "Orders..A", true)]
    // Each expected value is what ActiveMQ 5.17's DestinationFilter.parseFilter(pattern).matches(queue) returns.
    public void Matches_Table(string pattern, string queue, bool expected) =>
        Assert.Equal(expected, DestinationPattern.Parse(pattern).Matches(queue));

    [Theory]
    [InlineData(">", "DLQ.>", true)]
    [InlineData("Orders.>", "DLQ.>", false)]
    [InlineData("Orders.>", "Orders.Internal", true)]
    [InlineData("Orders.*", "Orders.A.B", false)]
    [InlineData("*.A", "Orders.*", true)]
    [InlineData("Orders", "Orders.>", true)]
    [InlineData("Orders.*", "Orders.>", true)]
    [InlineData("Orders", "Orders.*", false)]
    [InlineData("Orders", "Orders.A.>", false)]
    [InlineData("Orders.*.>", "Orders", false)]
    [InlineData("Orders.*.>", "Orders.A", true)]
    [InlineData("DLQ", "DLQ.>", true)]
    public void Overlaps_Table(string a, string b, bool expected)
    {
        Assert.Equal(expected, DestinationPattern.Parse(a).Overlaps(DestinationPattern.Parse(b)));
        Assert.Equal(expected, DestinationPattern.Parse(b).Overlaps(DestinationPattern.Parse(a)));
    }
}
