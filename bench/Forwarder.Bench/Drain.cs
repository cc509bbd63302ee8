namespace Forwarder.Bench;

/// <summary>One drain: messages per second, CPU seconds per 10,000 messages, the agent's peak RSS (NaN without one).</summary>
internal sealed record Drain(double Rate, CpuSample Cpu, double PeakRssMb);
