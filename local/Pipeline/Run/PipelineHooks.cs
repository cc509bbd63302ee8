namespace LocalPipeline.Run;

/// <summary>
/// Where a run can be changed from outside without copying it: the fault suite (local/Chaos) routes the
/// forwarder's target and the function's AWS endpoints through fault proxies and injects faults while the producer
/// sends. The defaults change nothing.
/// </summary>
internal sealed record PipelineHooks
{
    public static PipelineHooks None { get; } = new();

    /// <summary>What the forwarder connects to, given the cloud broker's STOMP URI (e.g. a fault proxy in front of it).</summary>
    public Func<Uri, Uri> ForwarderTarget { get; init; } = static uri => uri;

    /// <summary>Variables added to the function's environment, given moto's endpoint (e.g. <c>AWS_ENDPOINT_URL_SQS</c> through a proxy).</summary>
    public Func<Uri, IReadOnlyDictionary<string, string>> FunctionEnvironment { get; init; } = static _ => new Dictionary<string, string>();

    /// <summary>Runs while the producer sends, with every stage started; the run settles only after it ends.</summary>
    public Func<PipelineStages, CancellationToken, Task> WhileSending { get; init; } = static (_, _) => Task.CompletedTask;

    /// <summary>Runs once the run has settled, before any stage stops (e.g. to browse the brokers' dead-letter queues).</summary>
    public Func<PipelineStages, CancellationToken, Task> AfterSettle { get; init; } = static (_, _) => Task.CompletedTask;
}
