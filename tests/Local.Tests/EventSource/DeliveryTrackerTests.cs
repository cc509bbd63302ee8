using LocalEventSource.Delivery;

namespace Local.Tests.EventSource;

public sealed class DeliveryTrackerTests
{
    [Fact]
    public void RecordFailure_SeventhFailureWithSixRedeliveries_IsFirstToDeadLetter()
    {
        var tracker = new DeliveryTracker(6);

        var verdicts = Enumerable.Range(1, 7).Select(_ => tracker.RecordFailure("ID:1")).ToList();

        Assert.Equal([false, false, false, false, false, false, true], verdicts);
        Assert.Equal(7, tracker.FailuresOf("ID:1"));
    }

    [Fact]
    public void Forget_SettledMessage_StartsAgainFromZero()
    {
        var tracker = new DeliveryTracker(1);
        tracker.RecordFailure("ID:1");

        tracker.Forget("ID:1");

        Assert.Equal(0, tracker.FailuresOf("ID:1"));
        Assert.False(tracker.RecordFailure("ID:1"));
    }
}
