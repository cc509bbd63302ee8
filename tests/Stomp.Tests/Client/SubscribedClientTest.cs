namespace Stomp.Tests.Client;

/// <summary>
/// A test of a client on the system clock without heart-beats, subscribed to /queue/Q of a fresh
/// <see cref="ScriptedBroker"/>. The peer goes first when the test ends: the client's DISCONNECT would wait for its receipt.
/// </summary>
public abstract class SubscribedClientTest : IAsyncLifetime
{
    private StompClient? _client;
    private StompSubscription? _subscription;

    internal ScriptedBroker Broker { get; } = new();

    protected StompClient Client => _client ?? throw new InvalidOperationException("the client connects in InitializeAsync");

    protected StompSubscription Subscription => _subscription ?? throw new InvalidOperationException("the client subscribes in InitializeAsync");

    public async ValueTask InitializeAsync()
    {
        _client = await Broker.ConnectClientAsync(Ct);
        _subscription = await Broker.SubscribeClientAsync(_client, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
