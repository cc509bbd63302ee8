namespace Stomp.Client;

/// <summary>
/// Bytes of received messages not yet settled (ACKed or NACKed), against a limit. A message is admitted while the
/// total stays within the limit, or when nothing else is outstanding (one message larger than the limit goes, alone).
/// Thread-safe: the read loop admits, any thread releases.
/// </summary>
internal sealed class InboundBudget(long limit)
{
    private readonly Lock _lock = new();
    private long _outstanding;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Limit => limit;

    public long Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>Completes at the next <see cref="Release"/> or <see cref="Nudge"/>; take it before trying, so neither is missed.</summary>
    public Task Changed
    {
        get
        {
            lock (_lock)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Admits <paramref name="bytes"/> if they fit (or nothing is outstanding), or in any case with <paramref name="overdraw"/>.</summary>
    public bool TryAdmit(long bytes, bool overdraw = false)
    {
        lock (_lock)
        {
            if (!overdraw && _outstanding > 0 && _outstanding + bytes > limit)
            {
                return false;
            }

            _outstanding += bytes;
            return true;
        }
    }

    public void Release(long bytes)
    {
        if (bytes == 0)
        {
            return;
        }

        lock (_lock)
        {
            _outstanding -= bytes;
            Signal();
        }
    }

    /// <summary>Wakes a waiting reader to look again (e.g. a RECEIPT is now awaited, or the connection is closing).</summary>
    public void Nudge()
    {
        lock (_lock)
        {
            Signal();
        }
    }

    // Under _lock.
    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
