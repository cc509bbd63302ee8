namespace Forwarder.Tests.Destinations;

public sealed class DestinationFilterTests
{
    private static DestinationFilter Filter(string[] includes, string[] excludes, string parking = "DLQ.{queue}") =>
        new([.. includes.Select(DestinationPattern.Parse)], [.. excludes.Select(DestinationPattern.Parse)], parking);

    [Theory]
    // '>' alone leaves out dead letters, advisories/statistics and the excludes.
    [InlineData(">", "Secret.>", "Orders", true)]
    [InlineData(">", "Secret.>", "ActiveMQ.DLQ", false)]
    [InlineData(">", "Secret.>", "DLQ.Orders", false)]
    [InlineData(">", "Secret.>", "ActiveMQ.Statistics.Destination.X", false)]
    [InlineData(">", "Secret.>", "Secret.Stuff", false)]
    // '>' matches zero or more segments (as ActiveMQ): X.> minus X forwards only the children ...
    [InlineData("Orders.>", "Orders", "Orders", false)]
    [InlineData("Orders.>", "Orders", "Orders.A", true)]
    [InlineData("Orders.>", "Orders", "Orders.A.B", true)]
    // ... and an exclude X.> leaves out X too.
    [InlineData(">", "Orders.Internal.>", "Orders.Internal", false)]
    [InlineData(">", "Orders.Internal.>", "Orders.Internal.X", false)]
    [InlineData(">", "Orders.Internal.>", "Orders", true)]
    [InlineData(">", "Orders.Internal.>", "Orders.A", true)]
    public void IsForwarded_Table(string include, string exclude, string queue, bool expected) =>
        Assert.Equal(expected, Filter([include], [exclude]).IsForwarded(queue));

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

    [Theory]
    [InlineData("Orders.Internal")]
    [InlineData("Orders")] // the name before '>' is matched too
    public void OverlappingExclusions_ExcludeInsideInclude_ListsIt(string exclude) =>
        Assert.Equal([exclude], Filter(["Orders.>"], [exclude]).OverlappingExclusions(DestinationPattern.Parse("Orders.>")).Select(p => p.Text));
}
