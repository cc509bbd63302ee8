namespace Forwarder.Bench;

/// <summary>JMS timestamp to arrival, milliseconds.</summary>
internal sealed record Latency(double P50, double P99);
