namespace Stomp.Tests.Client;

/// <summary>
/// A test of a client on the system clock without heart-beats, subscribed to /queue/Q of the scripted peer.
/// </summary>
public abstract class SubscribedClientTest : ScriptedBrokerTest
{
    private StompClient? _client;
    private StompSubscription? _subscription;

    protected StompClient Client => _client ?? throw new InvalidOperationException("the client connects in InitializeAsync");

    protected StompSubscription Subscription => _subscription ?? throw new InvalidOperationException("the client subscribes in InitializeAsync");

    /// <summary>The subscription's acknowledgement mode.</summary>
    protected virtual StompAckMode AckMode => StompAckMode.ClientIndividual;

    public override async ValueTask InitializeAsync()
    {
        _client = await Broker.ConnectClientAsync(Ct);
        _subscription = await Broker.SubscribeClientAsync(_client, Ct, AckMode);
    }

    protected override async ValueTask DisposeClientAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }
}
