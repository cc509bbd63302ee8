namespace Functions.Tests.DeadLetter;

public sealed class SqsBatchPlannerTests
{
    [Fact]
    public void Plan_25SmallEntries_ChunksOfAtMostTen() =>
        Assert.Equal([10, 10, 5], SqsBatchPlanner.Plan(Entries(25, 100), 262_144).Select(r => r.Count));

    [Fact]
    public void Plan_LargeEntries_RequestsStayWithinByteLimit()
    {
        var requests = SqsBatchPlanner.Plan(Entries(5, 100_000), 262_144);

        Assert.Equal([2, 2, 1], requests.Select(r => r.Count));
        Assert.All(requests, r => Assert.InRange(r.Sum(e => e.Bytes), 1, 262_144));
    }

    [Fact]
    public void Plan_KeepsOrder() =>
        Assert.Equal(Enumerable.Range(0, 23).Select(i => $"m{i}"),
            SqsBatchPlanner.Plan(Entries(23, 30_000), 262_144).SelectMany(r => r).Select(e => e.Entry.Id));

    [Fact]
    public void Plan_EntryOverLimit_Throws() =>
        Assert.Throws<ArgumentException>(() => SqsBatchPlanner.Plan(Entries(1, 262_145), 262_144));

    private static List<SqsEntry> Entries(int count, int bytes) =>
        [.. Enumerable.Range(0, count).Select(i => new SqsEntry(new SendMessageBatchRequestEntry { Id = $"m{i}" }, bytes, null!))];
}
