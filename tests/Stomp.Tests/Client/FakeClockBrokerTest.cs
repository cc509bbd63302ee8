using Microsoft.Extensions.Time.Testing;

namespace Stomp.Tests.Client;

/// <summary>
/// A test of a client against the scripted peer on a fake clock: the client's timeouts and heart-beats run on
/// <see cref="Clock"/>, which only the test moves.
/// </summary>
public abstract class FakeClockBrokerTest : ScriptedBrokerTest
{
    protected FakeTimeProvider Clock { get; } = new();

    /// <summary>Connects a client on <see cref="Clock"/>; the peer answers CONNECT with <paramref name="brokerHeartBeat"/>.</summary>
    internal Task<StompClient> ConnectOnClockAsync(StompClientOptions options, string brokerHeartBeat = "0,0") =>
        Broker.ConnectClientAsync(options, Clock, Ct, brokerHeartBeat);

    /// <summary>
    /// Moves the clock one second on, then pauses briefly in real time so that the client's continuations run however
    /// loaded the machine is.
    /// </summary>
    protected async Task TickAsync()
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(10, Ct);
    }
}
