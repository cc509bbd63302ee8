using Forwarder.Redrive;

namespace Forwarder.Tests.Redrive;

public sealed class RedriveSelectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private static readonly RedriveCandidate Candidate = new("ID:host-1:1:1:1:7", "ID:onprem-1:1:1:1:3", "orders", Now.AddHours(-2));

    [Theory]
    [InlineData(null, null, null, null, true)]
    [InlineData("orders", null, null, null, true)]
    [InlineData("payments", null, null, null, false)]
    [InlineData(null, "ID:host-1:1:1:1:7", null, null, true)]
    [InlineData(null, "ID:onprem-1:1:1:1:3", null, null, true)]
    [InlineData(null, "other", null, null, false)]
    [InlineData(null, null, 1.0, null, true)]
    [InlineData(null, null, 3.0, null, false)]
    [InlineData(null, null, null, 3.0, true)]
    [InlineData(null, null, null, 1.0, false)]
    [InlineData("orders", null, 1.0, 3.0, true)]
    public void Matches_Criteria_SelectsByQueueIdAndAge(string? queue, string? id, double? olderHours, double? newerHours, bool expected)
    {
        var selection = new RedriveSelection
        {
            Queue = queue,
            Ids = id is null ? new HashSet<string>() : new HashSet<string> { id, "another" },
            OlderThan = olderHours is { } o ? TimeSpan.FromHours(o) : null,
            NewerThan = newerHours is { } n ? TimeSpan.FromHours(n) : null,
        };

        Assert.Equal(expected, selection.Matches(Candidate, Now));
    }

    [Fact]
    public void Matches_AgeCriterionWithoutSendTime_IsNotSelected() =>
        Assert.False(new RedriveSelection { OlderThan = TimeSpan.Zero }.Matches(Candidate with { SentAt = null }, Now));

    [Fact]
    public void JmsSelector_NoCriteria_IsNull() => Assert.Null(new RedriveSelection { Queue = "orders", Max = 5 }.JmsSelector(Now));

    [Fact]
    public void JmsSelector_IdsAndAge_QuotesIdsAndBoundsTheTimestamp()
    {
        var selection = new RedriveSelection
        {
            Ids = new HashSet<string> { "b", "it's" },
            OlderThan = TimeSpan.FromMinutes(1),
            NewerThan = TimeSpan.FromHours(1),
        };

        Assert.Equal(
            "(fwd_origin_id IN ('b', 'it''s') OR JMSMessageID IN ('b', 'it''s'))"
            + $" AND JMSTimestamp <= {Now.AddMinutes(-1).ToUnixTimeMilliseconds()} AND JMSTimestamp >= {Now.AddHours(-1).ToUnixTimeMilliseconds()}",
            selection.JmsSelector(Now));
    }
}
