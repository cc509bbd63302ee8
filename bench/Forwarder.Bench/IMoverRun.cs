namespace Forwarder.Bench;

/// <summary>A mover at work on one queue.</summary>
internal interface IMoverRun : IAsyncDisposable
{
    /// <summary>The agent's process id; 0 when the work happens inside the on-prem broker.</summary>
    int AgentPid { get; }

    /// <summary>The agent's VmHWM in MiB; NaN without an agent.</summary>
    double PeakRssMb();
}
