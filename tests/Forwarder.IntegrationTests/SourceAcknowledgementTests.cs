using Forwarder.Bridge;
using Forwarder.Configuration;
using Forwarder.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Forwarder.IntegrationTests;

/// <summary>
/// The source's cumulative acknowledgement of a queue's subscription on the real broker: what the agent settles is
/// acknowledged in one ACK, never past a message it has not settled; a NACK rejects only its own message; and a
/// settled message's bytes leave the budget at once, before the ACK that covers it.
/// </summary>
[Collection(BrokerPairDefinition.Name)]
public sealed class SourceAcknowledgementTests(BrokerPairFixture pair)
{
    [Fact]
    public async Task AckAll_WithAnEarlierMessageUnsettled_AcknowledgesNothingPastIt()
    {
        var queue = await WithThreeReceivedAsync("AckGap", async (source, received) =>
        {
            var unsettled = source.UnsettledBytes;
            await source.AckAllAsync([received[0], received[2]], Ct);

            // m-2 is settled here though not acknowledged on the broker: of three messages of one size, only m-1 counts.
            Assert.Equal(unsettled / 3, source.UnsettledBytes);
        });

        // m-0 was acknowledged; m-2 waits behind the unsettled m-1, so the broker has both again.
        Assert.Equal(["m-1", "m-2"], await RemainingAsync(queue));
    }

    [Fact]
    public async Task AckAll_OnceTheGapIsSettled_AcknowledgesEverything()
    {
        var queue = await WithThreeReceivedAsync("AckGapClosed", async (source, received) =>
        {
            await source.AckAllAsync([received[0], received[2]], Ct);
            await source.AckAsync(received[1], Ct);
            Assert.Equal(0, source.UnsettledBytes);
        });

        Assert.Empty(await RemainingAsync(queue));
    }

    [Fact]
    public async Task Nack_BetweenSettledMessages_DeadLettersOnlyItAndAcknowledgesTheOthers()
    {
        var queue = await WithThreeReceivedAsync("AckNack", async (source, received) =>
        {
            await source.AckAllAsync([received[0]], Ct);
            await source.NackAsync(received[1], Ct);
            await source.AckAllAsync([received[2]], Ct);
        });

        Assert.Empty(await RemainingAsync(queue));
        Assert.Equal(["m-1"], await RemainingAsync("DLQ." + queue));
    }

    /// <summary>
    /// Sends m-0, m-1 and m-2 to a new queue, receives them through a source, runs <paramref name="settle"/> and
    /// disconnects (DISCONNECT's receipt: the broker has handled every ACK); returns the queue.
    /// </summary>
    private async Task<string> WithThreeReceivedAsync(string prefix, Func<StompMessageSource, List<InboundMessage>, Task> settle)
    {
        var queue = BrokerPairFixture.UniqueQueue(prefix);
        await Messages.SendAsync(pair.OnPrem, queue, 3, Ct);
        await using var source = await ConnectAsync(queue);
        var received = new List<InboundMessage>();
        while (received.Count < 3)
        {
            received.Add(await source.ReceiveAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct));
        }

        await settle(source, received);
        return queue;
    }

    private async Task<StompMessageSource> ConnectAsync(string queue)
    {
        var options = new ForwarderOptions
        {
            Name = "ack-test",
            Source = pair.OnPrem.StompUri.ToString(),
            Target = pair.Cloud.StompUri.ToString(),
            StaticallyIncludedDestinations = [queue],
        };
        return await StompMessageSource.ConnectAsync(options, NullLoggerFactory.Instance, NullLogger.Instance, TimeProvider.System, Ct);
    }

    /// <summary>The bodies left on <paramref name="queue"/>, read and acknowledged (one more than were sent, so an extra shows).</summary>
    private async Task<List<string>> RemainingAsync(string queue) =>
        [.. (await pair.OnPrem.Queues.DrainAsync(queue, 4, TimeSpan.FromSeconds(2), Ct)).Select(Messages.Text)];
}
