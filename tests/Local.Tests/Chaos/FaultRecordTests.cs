using LocalChaos.Cases;

namespace Local.Tests.Chaos;

public sealed class FaultRecordTests
{
    [Fact]
    public void LongestStall_NoFault_IsZero()
    {
        var time = new FakeTimeProvider();
        var record = new FaultRecord(time);
        record.Progress(1);
        time.Advance(TimeSpan.FromSeconds(100));

        Assert.Equal(TimeSpan.Zero, record.LongestStall(record.Now(), pendingAtEnd: true));
    }

    [Fact]
    public void LongestStall_OutageThenSlowRecovery_CountsFromTheFaultsEndNotItsStart()
    {
        var time = new FakeTimeProvider();
        var record = new FaultRecord(time);
        record.Progress(10);
        record.Began();
        time.Advance(TimeSpan.FromSeconds(60));
        record.Ended();
        time.Advance(TimeSpan.FromSeconds(7));
        record.Progress(20);
        time.Advance(TimeSpan.FromSeconds(3));
        record.Progress(30);
        // A sample without progress does not end a stall.
        time.Advance(TimeSpan.FromSeconds(2));
        record.Progress(30);

        Assert.Equal(TimeSpan.FromSeconds(7), record.LongestStall(record.Now(), pendingAtEnd: false));
        Assert.Equal(1, record.Injected);
    }

    [Fact]
    public void LongestStall_StillPendingAtTheEnd_RunsToTheEnd()
    {
        var time = new FakeTimeProvider();
        var record = new FaultRecord(time);
        record.Began();
        record.Ended();
        time.Advance(TimeSpan.FromSeconds(1));
        record.Progress(5);
        time.Advance(TimeSpan.FromSeconds(90));

        Assert.Equal(TimeSpan.FromSeconds(90), record.LongestStall(record.Now(), pendingAtEnd: true));
    }
}
