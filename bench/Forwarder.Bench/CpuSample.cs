namespace Forwarder.Bench;

/// <summary>CPU seconds used so far by the agent, the mover's on-prem broker and the cloud broker.</summary>
internal readonly record struct CpuSample(double Agent, double OnPrem, double Cloud)
{
    public double Total => Agent + OnPrem + Cloud;

    public static CpuSample Take(int agentPid, int onPremPid, int cloudPid) =>
        new(CpuTime.Seconds(agentPid), CpuTime.Seconds(onPremPid), CpuTime.Seconds(cloudPid));

    public static CpuSample operator -(CpuSample a, CpuSample b) => new(a.Agent - b.Agent, a.OnPrem - b.OnPrem, a.Cloud - b.Cloud);

    /// <summary>Scaled to 10,000 messages.</summary>
    public CpuSample Per10K(int messages) =>
        new(Agent * 10_000 / messages, OnPrem * 10_000 / messages, Cloud * 10_000 / messages);
}
