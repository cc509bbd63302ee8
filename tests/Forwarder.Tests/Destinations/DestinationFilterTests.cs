namespace Forwarder.Tests.Destinations;

public sealed class DestinationFilterTests
{
    private static DestinationFilter Filter(string[] includes, string[] excludes, string parking = "DLQ.{queue}") =>
        new([.. includes.Select(DestinationPattern.Parse)], [.. excludes.Select(DestinationPattern.Parse)], parking);

    [Theory]
    [InlineData("Orders", true)]
    [InlineData("ActiveMQ.DLQ", false)]
    [InlineData("DLQ.Orders", false)]
    [InlineData("ActiveMQ.Statistics.Destination.X", false)]
    [InlineData("Secret.Stuff", false)]
    public void IsForwarded_GreaterThanAlone_LeavesOutDeadLettersAndExcludes(string queue, bool expected) =>
        Assert.Equal(expected, Filter([">"], ["Secret.>"]).IsForwarded(queue));

    [Fact]
    public void IsForwarded_DlqNamedExplicitly_Forwards() =>
        Assert.True(Filter(["DLQ.>"], []).IsForwarded("DLQ.Orders"));

    [Fact]
    public void IsForwarded_CustomParkingQueue_LeftOutOfWildcard()
    {
        var filter = Filter([">"], [], "Parked.{queue}");

        Assert.False(filter.IsForwarded("Parked.Orders"));
        Assert.True(filter.IsForwarded("Orders"));
    }

    [Fact]
    public void OverlappingExclusions_WildcardWithoutOverlap_IsEmpty() =>
        Assert.Empty(Filter(["Orders.>"], ["Billing.>"]).OverlappingExclusions(DestinationPattern.Parse("Orders.>")));

    [Fact]
    public void OverlappingExclusions_GreaterThan_ListsImplicitOnes()
    {
        var overlaps = Filter([">"], []).OverlappingExclusions(DestinationPattern.Parse(">"));

        Assert.Equal(["ActiveMQ.>", "DLQ.>"], overlaps.Select(p => p.Text));
    }

    [Fact]
    public void OverlappingExclusions_ExcludeInsideInclude_ListsIt() =>
        Assert.Equal(["Orders.Internal"], Filter(["Orders.>"], ["Orders.Internal"]).OverlappingExclusions(DestinationPattern.Parse("Orders.>")).Select(p => p.Text));
}
