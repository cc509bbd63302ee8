namespace Stomp;

/// <summary>
/// Heart-beat wish sent in CONNECT: how often this client can send (<see cref="Outgoing"/>) and wants to receive
/// (<see cref="Incoming"/>) something. The broker's answer decides the final periods; zero means none.
/// </summary>
public sealed record StompHeartBeat(TimeSpan Outgoing, TimeSpan Incoming)
{
    public static StompHeartBeat None { get; } = new(TimeSpan.Zero, TimeSpan.Zero);

    public static StompHeartBeat Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
}
