namespace Stomp.Tests.Client;

/// <summary><see cref="StompSubscription.TryReadAsync"/>: the next message, null after a quiet spell, and a caller's cancellation kept apart from it.</summary>
public sealed class StompSubscriptionTryReadTests : SubscribedClientTest
{
    [Fact(Timeout = 60_000)]
    public async Task TryReadAsync_MessageThenQuiet_ReturnsItThenNull()
    {
        await Broker.SendAsync("MESSAGE\nsubscription:sub-1\nmessage-id:m-1\nack:a-1\ndestination:/queue/Q\n\nhello", Ct);

        var message = await Subscription.TryReadAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal("m-1", message?.MessageId);
        Assert.Null(await Subscription.TryReadAsync(TimeSpan.FromMilliseconds(200), Ct));
    }

    [Fact(Timeout = 60_000)]
    public async Task TryReadAsync_CallerCancels_Throws()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Subscription.TryReadAsync(TimeSpan.FromMinutes(1), cancel.Token));
    }
}
