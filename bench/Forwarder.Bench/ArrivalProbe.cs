namespace Forwarder.Bench;

/// <summary>What an <see cref="ArrivalCounter"/> does besides counting.</summary>
/// <param name="Warmup">Arrivals before the measured ones (0: the clock starts at the first).</param>
/// <param name="AtWarmup">Called when the last warm-up message arrived.</param>
/// <param name="AtEnd">Called when the last expected message arrived.</param>
/// <param name="Latency">Record each measured message's JMS timestamp to arrival.</param>
internal sealed record ArrivalProbe(int Warmup = 0, Action? AtWarmup = null, Action? AtEnd = null, bool Latency = false)
{
    public static ArrivalProbe None { get; } = new();
}
