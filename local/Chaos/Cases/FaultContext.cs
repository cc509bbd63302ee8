using Harness.Faults;
using LocalPipeline.Tracking;

namespace LocalChaos.Cases;

/// <summary>What a case's fault works with: the running stages, the tracker, its proxy, and the record of its faults.</summary>
internal sealed class FaultContext(PipelineStages stages, PipelineTracker tracker, FaultProxy? proxy, bool quick, int messages, FaultRecord record)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public PipelineStages Stages => stages;

    public bool Quick => quick;

    public int Messages => messages;

    public FaultProxy Proxy => proxy ?? throw new InvalidOperationException("this case has no fault proxy (ChaosCase.Proxy)");

    /// <summary>Runs <paramref name="fault"/> as one injected fault: counted, and its end marks where stalls are measured from.</summary>
    public async Task InjectAsync(Func<Task> fault)
    {
        record.Began();
        try
        {
            await fault().ConfigureAwait(false);
        }
        finally
        {
            record.Ended();
        }
    }

    /// <summary>Waits until the producer has sent <paramref name="count"/> messages.</summary>
    public Task WhenSentAsync(int count, CancellationToken cancellationToken) =>
        WhenAsync(() => tracker.Counts().Sent >= count, cancellationToken);

    /// <summary>Waits until the function has been invoked more than <paramref name="invocations"/> times in all.</summary>
    public Task WhenInvokedAfterAsync(int invocations, CancellationToken cancellationToken) =>
        WhenAsync(() => tracker.Counts().Invocations > invocations, cancellationToken);

    public int Invocations => tracker.Counts().Invocations;

    private static async Task WhenAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }
}
