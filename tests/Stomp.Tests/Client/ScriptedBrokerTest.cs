namespace Stomp.Tests.Client;

/// <summary>A test of the client against a fresh <see cref="ScriptedBroker"/>, disposed when the test ends.</summary>
public abstract class ScriptedBrokerTest : IAsyncLifetime
{
    /// <summary>How long a test waits in real time for what the peer or the fake clock has set going.</summary>
    protected static readonly TimeSpan RealWait = TimeSpan.FromSeconds(10);

    internal ScriptedBroker Broker { get; } = new();

    /// <summary>The next message the client hands out on <paramref name="subscription"/>, waiting at most <see cref="RealWait"/>.</summary>
    protected static Task<StompMessage> NextMessageAsync(StompSubscription subscription) =>
        subscription.Reader.ReadAsync(Ct).AsTask().WaitAsync(RealWait, Ct);

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        // The peer goes first: the client's DISCONNECT would wait for its receipt.
        await Broker.DisposeAsync();
        await DisposeClientAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes a client the test class holds (one a test holds itself it disposes when it returns).</summary>
    protected virtual ValueTask DisposeClientAsync() => ValueTask.CompletedTask;
}
