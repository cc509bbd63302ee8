namespace Forwarder.Tests.Bridge;

public sealed class HeldQueuesTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(10);

    private static InboundMessage Message(string queue, int id, int bytes) =>
        TestMessages.Inbound($"ID:src:1:1:1:{id}", queue, new string('x', bytes));

    [Fact]
    public void TakeOverflow_TwoQueuesOverTheBytes_TakesEachQueuesTailKeepsEveryHead()
    {
        var held = new HeldQueues(TimeProvider.System);
        held.Hold("A", Delay, [Message("A", 1, 100), Message("A", 2, 100), Message("A", 3, 100)]);
        held.Hold("B", Delay, [Message("B", 4, 100), Message("B", 5, 100)]);

        var overflow = held.TakeOverflow(300);

        // Heads count first (200), then A's second message fits (300); the rest passes the limit.
        Assert.Equal(["ID:src:1:1:1:3", "ID:src:1:1:1:5"], overflow.Select(m => m.MessageId));
        Assert.Equal(3, held.Count);
    }

    [Fact]
    public void TakeOverflow_HeadAloneOverTheBytes_KeepsIt()
    {
        var held = new HeldQueues(TimeProvider.System);
        held.Hold("A", Delay, [Message("A", 1, 500), Message("A", 2, 1)]);

        Assert.Equal(["ID:src:1:1:1:2"], held.TakeOverflow(300).Select(m => m.MessageId));
        Assert.Equal(1, held.Count);
    }
}
