namespace LocalChaos.Cases;

/// <summary>One case of the fault suite: a pipeline run, how it is set up, and the fault injected while it flows.</summary>
/// <param name="Name">What <c>--case</c> takes and the table shows.</param>
/// <param name="Fault">What is done to the pipeline, for the listing.</param>
internal sealed record ChaosCase(string Name, string Fault)
{
    /// <summary>Part of the CI subset (<c>--quick</c>).</summary>
    public bool InQuick { get; init; } = true;

    public int QuickMessages { get; init; } = 100;

    public int FullMessages { get; init; } = 1_000;

    public ProxyPlace Proxy { get; init; }

    /// <summary>Changes to the pipeline's options (producer, brokers).</summary>
    public Func<PipelineOptions, PipelineOptions> Configure { get; init; } = static o => o;

    /// <summary>The fault, run while the producer sends; the case settles once it returns.</summary>
    public Func<FaultContext, CancellationToken, Task> Inject { get; init; } = static (_, _) => Task.CompletedTask;

    /// <summary>
    /// Checks run once the case settled, beyond the table's (e.g. messages that must stay on-prem); returns why the
    /// case failed, or null.
    /// </summary>
    public Func<FaultContext, CancellationToken, Task<string?>> Verify { get; init; } = static (_, _) => Task.FromResult<string?>(null);

    /// <summary>The longest time without progress, after a fault ended, that still passes.</summary>
    public TimeSpan StallLimit { get; init; } = TimeSpan.FromSeconds(60);

    public int Messages(bool quick) => quick ? QuickMessages : FullMessages;
}
