using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Forwarder.Operations;

/// <summary>
/// The agent's counters and link state, exported through OpenTelemetry (meter <see cref="MeterName"/>) and read by
/// the health endpoint. Thread-safe.
/// </summary>
internal sealed class ForwarderMetrics : IDisposable
{
    public const string MeterName = "Forwarder";

    private readonly Meter _meter = new(MeterName);
    private readonly TimeProvider _time;
    private readonly Counter<long> _forwarded;
    private readonly Counter<long> _parked;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _reconnects;
    private readonly Histogram<double> _latency;
    private readonly ConcurrentDictionary<string, QueueBacklog> _backlog = new(StringComparer.Ordinal);
    private long _forwardedTotal;
    private long _parkedTotal;
    private int _inFlight;
    private Func<long> _inFlightBytes = () => 0;
    private int _sourceUp;
    private int _targetUp;
    private int _workerRunning;
    private long _oldestSendStarted;

    /// <param name="time">The clock the age of the oldest message in flight is measured on.</param>
    public ForwarderMetrics(TimeProvider time)
    {
        _time = time;
        _forwarded = _meter.CreateCounter<long>("forwarder.messages.forwarded", "{message}", "Messages stored on the target and acknowledged on the source");
        _parked = _meter.CreateCounter<long>("forwarder.messages.parked", "{message}", "Messages parked on the source broker's parking queue");
        _deadLettered = _meter.CreateCounter<long>("forwarder.messages.dead_lettered", "{message}", "Messages NACKed to the source broker's dead-letter queue");
        // Seconds, so the default buckets (made for milliseconds) would not fit: 1 ms to 2 min.
        _latency = _meter.CreateHistogram(
            "forwarder.forward.latency",
            "s",
            "Time from a message's arrival at the agent to the target's receipt for it (monotonic clock)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
        _reconnects = _meter.CreateCounter<long>("forwarder.reconnects", "{connection}", "Connections re-established after a loss");
        _meter.CreateObservableGauge("forwarder.messages.in_flight", () => Volatile.Read(ref _inFlight), "{message}", "Messages received and not yet acknowledged");
        _meter.CreateObservableGauge("forwarder.messages.in_flight_bytes", () => Volatile.Read(ref _inFlightBytes)(), "By", "Bytes of messages received from the source and not yet settled (InFlightBytes bounds it)");
        _meter.CreateObservableGauge("forwarder.link.up", LinkState, description: "1 when that side's connection is up");
        _meter.CreateObservableGauge("forwarder.queue.backlog", () => _backlog.Where(b => b.Value.Size is not null).Select(b => new Measurement<long>(b.Value.Size!.Value, new KeyValuePair<string, object?>("queue", b.Key))), "{message}", "Messages waiting on the source queue (statistics plugin)");
        _meter.CreateObservableGauge("forwarder.queue.oldest_age", OldestAges, "s", "Age of the oldest message the agent has in flight, per queue (0: none)");
        _reconnects.Add(0, new KeyValuePair<string, object?>("side", "source"));
        _reconnects.Add(0, new KeyValuePair<string, object?>("side", "target"));
    }

    public long ForwardedTotal => Interlocked.Read(ref _forwardedTotal);

    public long ParkedTotal => Interlocked.Read(ref _parkedTotal);

    public int InFlight
    {
        get => Volatile.Read(ref _inFlight);
        set => Volatile.Write(ref _inFlight, value);
    }

    public bool SourceUp
    {
        get => Volatile.Read(ref _sourceUp) == 1;
        set => Volatile.Write(ref _sourceUp, value ? 1 : 0);
    }

    public bool TargetUp
    {
        get => Volatile.Read(ref _targetUp) == 1;
        set => Volatile.Write(ref _targetUp, value ? 1 : 0);
    }

    /// <summary>Where the in-flight-bytes gauge reads, live at each observation (the worker's source link).</summary>
    public void ObserveInFlightBytes(Func<long> read) => Volatile.Write(ref _inFlightBytes, read);

    /// <summary>The forwarding loop runs (liveness): set when it starts, cleared when it ends, whatever ended it.</summary>
    public bool WorkerRunning
    {
        get => Volatile.Read(ref _workerRunning) == 1;
        set => Volatile.Write(ref _workerRunning, value ? 1 : 0);
    }

    /// <summary>How long the oldest batch sent to the target has waited for its receipt; null when none is in flight.</summary>
    public TimeSpan? OldestSendAge => Interlocked.Read(ref _oldestSendStarted) is var started and not 0 ? _time.GetElapsedTime(started) : null;

    /// <summary>Endpoint the target connection uses now, for the health report.</summary>
    public string? TargetEndpoint { get; set; }

    public void Forwarded(string queue, int count)
    {
        Interlocked.Add(ref _forwardedTotal, count);
        _forwarded.Add(count, new KeyValuePair<string, object?>("queue", queue));
    }

    public void Parked(string queue)
    {
        Interlocked.Increment(ref _parkedTotal);
        _parked.Add(1, new KeyValuePair<string, object?>("queue", queue));
    }

    public void DeadLettered(string queue) => _deadLettered.Add(1, new KeyValuePair<string, object?>("queue", queue));

    public void ForwardLatency(string queue, TimeSpan latency) =>
        _latency.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("queue", queue));

    /// <summary>The pipeline's oldest batch in flight was sent at <paramref name="timestamp"/>, or none is (null).</summary>
    public void OldestSendStarted(long? timestamp) => Interlocked.Exchange(ref _oldestSendStarted, timestamp ?? 0);

    public void Reconnected(string side) => _reconnects.Add(1, new KeyValuePair<string, object?>("side", side));

    /// <summary>Records the source queue size (from the statistics plugin).</summary>
    public void Backlog(string queue, long size)
    {
        Known(queue);
        _backlog.AddOrUpdate(queue, _ => new QueueBacklog(size, null), (_, b) => b with { Size = size });
    }

    /// <summary>Records the timestamp (epoch ms) of the oldest message in flight for a queue.</summary>
    public void OldestInFlight(string queue, long? timestampMs)
    {
        Known(queue);
        _backlog.AddOrUpdate(queue, _ => new QueueBacklog(null, timestampMs), (_, b) => b with { OldestTimestampMs = timestampMs });
    }

    public void Dispose() => _meter.Dispose();

    /// <summary>
    /// A queue's counters start at 0 when it is first seen, as Prometheus advises: a series that appears at 1 hides
    /// its first increment from <c>increase()</c>, so the first parked message would never raise an alert.
    /// </summary>
    private void Known(string queue)
    {
        if (_backlog.ContainsKey(queue))
        {
            return;
        }

        var tag = new KeyValuePair<string, object?>("queue", queue);
        _forwarded.Add(0, tag);
        _parked.Add(0, tag);
        _deadLettered.Add(0, tag);
    }

    private IEnumerable<Measurement<int>> LinkState()
    {
        yield return new(SourceUp ? 1 : 0, new KeyValuePair<string, object?>("side", "source"));
        yield return new(TargetUp ? 1 : 0, new KeyValuePair<string, object?>("side", "target"));
    }

    private IEnumerable<Measurement<double>> OldestAges()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (queue, b) in _backlog)
        {
            // 0 when the agent holds none of the queue's messages: a missing series then means the agent is gone.
            var age = b.OldestTimestampMs is { } ts ? Math.Max(0, (now - ts) / 1000.0) : 0;
            yield return new(age, new KeyValuePair<string, object?>("queue", queue));
        }
    }

    private sealed record QueueBacklog(long? Size, long? OldestTimestampMs);
}
