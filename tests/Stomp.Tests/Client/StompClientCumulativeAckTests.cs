namespace Stomp.Tests.Client;

/// <summary>
/// <see cref="StompAckMode.Client"/> against a scripted peer: one ACK settles the messages delivered before it, a
/// NACK only its own, and <see cref="StompMessage.ReleaseBudget"/> gives a message's bytes back before the ACK that
/// will cover it, each byte once.
/// </summary>
public sealed class StompClientCumulativeAckTests : SubscribedClientTest
{
    protected override StompAckMode AckMode => StompAckMode.Client;

    [Fact]
    public async Task Ack_OfTheThird_SettlesTheTwoBeforeItAndGivesBackAllTheirBytes()
    {
        var (first, _, third) = await DeliverThreeAsync();

        await third.AckAsync(Ct);

        Assert.Equal("ACK\nid:a-3\n\n", await Broker.ReadFrameAsync(Ct));
        Assert.Equal(0, Client.UnsettledBytes);
        // The broker has acknowledged it with the third: a second ACK would end the connection.
        await Assert.ThrowsAsync<InvalidOperationException>(() => first.AckAsync(Ct));
    }

    [Fact]
    public async Task ReleaseBudget_BeforeTheCoveringAck_GivesTheBytesBackOnce()
    {
        var (first, second, third) = await DeliverThreeAsync();

        first.ReleaseBudget();
        first.ReleaseBudget();
        Assert.Equal(second.Size + third.Size, Client.UnsettledBytes);

        await second.AckAsync(Ct);
        Assert.Equal("ACK\nid:a-2\n\n", await Broker.ReadFrameAsync(Ct));
        Assert.Equal(third.Size, Client.UnsettledBytes);
    }

    [Fact]
    public async Task Nack_InClientMode_SettlesOnlyItsOwnMessage()
    {
        var (first, second, third) = await DeliverThreeAsync();

        await second.NackAsync(Ct);
        Assert.Equal("NACK\nid:a-2\n\n", await Broker.ReadFrameAsync(Ct));
        Assert.Equal(first.Size + third.Size, Client.UnsettledBytes);

        await third.AckAsync(Ct);
        Assert.Equal("ACK\nid:a-3\n\n", await Broker.ReadFrameAsync(Ct));
        Assert.Equal(0, Client.UnsettledBytes);
    }

    [Fact]
    public async Task AckReleased_StopsAtTheFirstMessageNotReleased_AndSkipsANackedOne()
    {
        var (first, second, third) = await DeliverThreeAsync();

        first.ReleaseBudget();
        third.ReleaseBudget();
        await Subscription.AckReleasedAsync(Ct);
        Assert.Equal("ACK\nid:a-1\n\n", await Broker.ReadFrameAsync(Ct));

        // The second is NACKed, not released: the ACK may now pass it, but never name it.
        await second.NackAsync(Ct);
        Assert.Equal("NACK\nid:a-2\n\n", await Broker.ReadFrameAsync(Ct));
        await Subscription.AckReleasedAsync(Ct);
        Assert.Equal("ACK\nid:a-3\n\n", await Broker.ReadFrameAsync(Ct));
        Assert.Equal(0, Client.UnsettledBytes);
    }

    [Fact]
    public async Task AckReleased_WithTheOldestNotReleased_SendsNothing()
    {
        var (first, second, _) = await DeliverThreeAsync();

        second.ReleaseBudget();
        await Subscription.AckReleasedAsync(Ct);

        // The next frame the peer reads is the NACK of the first: no ACK went out before it.
        await first.NackAsync(Ct);
        Assert.Equal("NACK\nid:a-1\n\n", await Broker.ReadFrameAsync(Ct));
        await Subscription.AckReleasedAsync(Ct);
        Assert.Equal("ACK\nid:a-2\n\n", await Broker.ReadFrameAsync(Ct));
    }

    [Fact]
    public async Task ReleaseBudget_AfterTheConnectionEnded_GivesNothingBackTwice()
    {
        var (first, _, _) = await DeliverThreeAsync();

        await Broker.DisposeAsync();
        // The subscription's end gave back the bytes of every message it had not settled.
        await WaitUntilAsync(() => Client.UnsettledBytes == 0);
        first.ReleaseBudget();

        Assert.Equal(0, Client.UnsettledBytes);
    }

    [Fact]
    public async Task ReleaseBudget_OutsideClientMode_IsRefused()
    {
        var individual = await Broker.SubscribeClientAsync(Client, Ct);
        await Broker.SendAsync(Message(1, individual.Id), Ct);
        var message = await NextMessageAsync(individual);

        var refused = Assert.Throws<InvalidOperationException>(message.ReleaseBudget);
        Assert.Contains("ClientIndividual", refused.Message, StringComparison.Ordinal);
    }

    private async Task<(StompMessage First, StompMessage Second, StompMessage Third)> DeliverThreeAsync()
    {
        var messages = new List<StompMessage>();
        for (var n = 1; n <= 3; n++)
        {
            await Broker.SendAsync(Message(n, Subscription.Id), Ct);
            messages.Add(await NextMessageAsync(Subscription));
        }

        Assert.Equal(messages.Sum(m => m.Size), Client.UnsettledBytes);
        return (messages[0], messages[1], messages[2]);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(RealWait);
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    private static string Message(int n, string subscription) =>
        $"MESSAGE\nsubscription:{subscription}\nmessage-id:m-{n}\nack:a-{n}\ndestination:/queue/Q\ncontent-length:5\n\nbody{n}";
}
