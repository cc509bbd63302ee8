using System.Collections.Concurrent;
using Harness.Faults;
using LocalChaos.Reporting;
using LocalPipeline.Stages;
using LocalPipeline.Tracking;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalChaos.Cases;

/// <summary>
/// What a case's fault works with: the run's options, the running stages, the tracker, its proxy, and the record of
/// its faults.
/// </summary>
internal sealed class FaultContext(PipelineOptions options, PipelineStages stages, PipelineTracker tracker, FaultProxy? proxy, bool quick, int messages, FaultRecord record)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private int _sends;
    private int _extraTracked;

    public PipelineOptions Options => options;

    /// <summary>Sample ids a case singles out (e.g. the oversize ones), for its <see cref="ChaosCase.Verify"/>.</summary>
    public List<string> Marked { get; } = [];

    /// <summary>Sample ids sent untracked per queue, which must stay where they were sent.</summary>
    public ConcurrentDictionary<string, IReadOnlyList<string>> Kept { get; } = new(StringComparer.Ordinal);

    /// <summary>What the brokers' dead-letter queues held once the case settled (set before it is verified).</summary>
    public DeadLetterFinds Finds { get; set; } = DeadLetterFinds.None;

    /// <summary>The messages the tracker followed, as they ended.</summary>
    public IReadOnlyList<SampleRecord> Samples => tracker.Samples;

    /// <summary>Messages <see cref="SendAsync"/> sent on top of the run's own, followed by the tracker like them.</summary>
    public int ExtraTracked => Volatile.Read(ref _extraTracked);

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

    /// <summary>
    /// Sends <paramref name="count"/> more messages with the legacy producer (no poison unless
    /// <paramref name="arguments"/> say so) to <paramref name="queue"/> on <paramref name="broker"/>. Tracked ones
    /// count in the case's table like the run's own; untracked ones are the case's to find (their sample ids are
    /// returned).
    /// </summary>
    public async Task<IReadOnlyList<string>> SendAsync(Uri broker, string queue, int count, IReadOnlyList<string> arguments, bool tracked, CancellationToken cancellationToken)
    {
        var sent = new List<string>();
        var side = options with { Queue = queue, Messages = count, PoisonEvery = 0, LoopEvery = 0, ProducerFailover = false, ProducerArguments = arguments };
        // Sample ids of their own: "<run>-<n>" of another run, never one of this run's.
        var runId = FormattableString.Invariant($"side{Interlocked.Increment(ref _sends)}x{Environment.TickCount64 % 100_000}");
        await Producer.RunAsync(side, broker, runId, line =>
        {
            if (ProducerSentLine.TryParse(line) is not { } sentLine)
            {
                return;
            }

            lock (sent)
            {
                sent.Add(sentLine.SampleId);
            }

            if (tracked)
            {
                Interlocked.Increment(ref _extraTracked);
                tracker.ProducerLine(line);
            }
        }, cancellationToken).ConfigureAwait(false);
        return sent;
    }

    /// <summary>The headers of every message on <paramref name="queue"/> of <paramref name="broker"/>, left where they are.</summary>
    public static Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> BrowseAsync(Uri broker, string queue, CancellationToken cancellationToken) =>
        QueueBrowser.BrowseAsync(broker, queue, NullLogger.Instance, cancellationToken);

    /// <summary>
    /// Follows <paramref name="parkingQueue"/> (<see cref="CollectParkedAsync"/>) until every <see cref="Marked"/>
    /// message is parked there, or <paramref name="timeout"/> passed (the case's verification then says which are not).
    /// </summary>
    public async Task WhenParkedAsync(string parkingQueue, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                await CollectParkedAsync(parkingQueue, deadline.Token).ConfigureAwait(false);
                if (tracker.Samples.Count(s => Marked.Contains(s.SampleId) && s.DeadLetter == DeadLetterPlace.ForwarderParking) >= Marked.Count)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: Verify reports what was not parked.
        }
    }

    /// <summary>Counts the forwarder's parked copies on the on-prem <paramref name="parkingQueue"/> (the run's own is followed already).</summary>
    public async Task CollectParkedAsync(string parkingQueue, CancellationToken cancellationToken)
    {
        foreach (var headers in await BrowseAsync(stages.OnPrem.Broker.StompUri, parkingQueue, cancellationToken).ConfigureAwait(false))
        {
            tracker.Parked(headers);
        }
    }

    private static async Task WhenAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }
}
