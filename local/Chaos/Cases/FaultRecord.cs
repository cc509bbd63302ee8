namespace LocalChaos.Cases;

/// <summary>
/// The faults of one case and the pipeline's progress (messages processed or dead-lettered, sampled), from which
/// the longest stall after a fault is measured. Thread-safe.
/// </summary>
internal sealed class FaultRecord(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly List<long> _faultEnds = [];
    private readonly List<long> _progress = [];
    private int _injected;
    private int _settled = -1;

    public int Injected => Volatile.Read(ref _injected);

    public void Began() => Interlocked.Increment(ref _injected);

    public void Ended()
    {
        lock (_lock)
        {
            _faultEnds.Add(Now());
        }

    }

    /// <summary>A sample of how many messages are settled (processed or dead-lettered) now.</summary>
    public void Progress(int settled)
    {
        lock (_lock)
        {
            if (settled > _settled)
            {
                _settled = settled;
                _progress.Add(Now());
            }
        }
    }

    /// <summary>
    /// The longest time without progress counted from the end of a fault: from each fault's end to the next progress
    /// after it, and between progress after the last fault ended; up to <paramref name="end"/> when messages were
    /// still unsettled then (<paramref name="pendingAtEnd"/>). Zero without faults.
    /// </summary>
    public TimeSpan LongestStall(long end, bool pendingAtEnd)
    {
        lock (_lock)
        {
            if (_faultEnds.Count == 0)
            {
                return TimeSpan.Zero;
            }

            long longest = 0;
            foreach (var faultEnd in _faultEnds)
            {
                var next = _progress.FirstOrDefault(p => p >= faultEnd, pendingAtEnd ? end : faultEnd);
                longest = Math.Max(longest, next - faultEnd);
            }

            var last = _faultEnds.Max();
            var after = _progress.Where(p => p >= last).Prepend(last).Append(pendingAtEnd ? end : last).ToList();
            for (var i = 1; i < after.Count; i++)
            {
                longest = Math.Max(longest, after[i] - after[i - 1]);
            }

            return TimeSpan.FromMilliseconds(longest);
        }
    }

    public long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
