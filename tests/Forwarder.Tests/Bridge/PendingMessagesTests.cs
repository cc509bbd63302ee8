namespace Forwarder.Tests.Bridge;

public sealed class PendingMessagesTests
{
    [Fact]
    public void Unmapped_AfterSomeMapped_ListsTheRestInOrder()
    {
        var pending = new PendingMessages();
        var (a, b, c) = (TestMessages.Inbound("a"), TestMessages.Inbound("b"), TestMessages.Inbound("c"));
        pending.Add(a);
        pending.Add(b);
        pending.Add(c);

        pending.SetMapped(b, TestMessages.Outbound(b));

        Assert.Equal([a, c], pending.Unmapped());
    }

    [Fact]
    public void Unmapped_TwoDeliveriesThatCompareEqual_TrackedApart()
    {
        var pending = new PendingMessages();
        var first = TestMessages.Inbound("same");
        var redelivery = first with { };
        pending.Add(first);
        pending.Add(redelivery);

        pending.SetMapped(first, TestMessages.Outbound(first));

        Assert.Same(redelivery, Assert.Single(pending.Unmapped()));
    }

    [Fact]
    public void Batch_FromStart_MessagesAndTheirMappingInOrder()
    {
        var pending = Mapped("a", "b", "c", "d");

        var (messages, outbound) = pending.Batch(1, 2, long.MaxValue);

        Assert.Equal(["b", "c"], messages.Select(m => m.MessageId));
        Assert.Equal(messages.Select(m => m.Body.ToArray()), outbound.Select(o => o.Body.ToArray()));
    }

    [Fact]
    public void Batch_MaxBytes_StopsBeforeTheMessageThatWouldExceedItButAlwaysTakesOne()
    {
        var pending = Mapped("a", "b", "c", "d");

        Assert.Equal(["b"], pending.Batch(1, 3, maxBytes: 0).Messages.Select(m => m.MessageId));
        Assert.Equal(["b", "c", "d"], pending.Batch(1, 3, maxBytes: pending.All.Skip(1).Sum(m => m.Body.Length)).Messages.Select(m => m.MessageId));
    }

    [Fact]
    public void RemoveHead_ConfirmedBatch_LeavesTheRestMapped()
    {
        var pending = Mapped("a", "b", "c");
        var (head, _) = pending.Batch(0, 2, long.MaxValue);

        pending.RemoveHead(head);

        Assert.Equal(["c"], pending.All.Select(m => m.MessageId));
        Assert.Empty(pending.Unmapped());
    }

    [Fact]
    public void Remove_OneMessage_KeepsTheOthers()
    {
        var pending = Mapped("a", "b", "c");

        pending.Remove(pending.All[1]);

        Assert.Equal(["a", "c"], pending.All.Select(m => m.MessageId));
    }

    private static PendingMessages Mapped(params string[] ids)
    {
        var pending = new PendingMessages();
        foreach (var id in ids)
        {
            var message = TestMessages.Inbound(id, body: id);
            pending.Add(message);
            pending.SetMapped(message, TestMessages.Outbound(message));
        }

        return pending;
    }
}
