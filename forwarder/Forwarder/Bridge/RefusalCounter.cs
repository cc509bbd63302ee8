namespace Forwarder.Bridge;

/// <summary>
/// How often the target refused each message, by source message id (kept across reconnects: a redelivery has the
/// same id), and the backoff before the next attempt. At <c>maxAttempts</c> refusals a message is parked.
/// A dropped connection is weaker evidence than an ERROR (the target or the link may simply have failed): it counts
/// as one refusal only when the message was alone in flight <see cref="DropsPerRefusal"/> times in a row.
/// </summary>
internal sealed class RefusalCounter(int maxAttempts, Backoff backoff)
{
    /// <summary>Drops of the connection, with the message alone in flight, that count as one refusal.</summary>
    public const int DropsPerRefusal = 3;

    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _drops = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _parkFailures = new(StringComparer.Ordinal);

    public int MaxAttempts => maxAttempts;

    /// <summary>Counts one more refusal; returns the number of attempts so far.</summary>
    public int Refused(string messageId)
    {
        var attempt = _attempts.GetValueOrDefault(messageId) + 1;
        _attempts[messageId] = attempt;
        return attempt;
    }

    /// <summary>
    /// The connection dropped while the message was alone in flight; true when that completes a run of
    /// <see cref="DropsPerRefusal"/>, which then counts as a refusal (and a new run starts).
    /// </summary>
    public bool DroppedAlone(string messageId)
    {
        var drops = _drops.GetValueOrDefault(messageId) + 1;
        if (drops < DropsPerRefusal)
        {
            _drops[messageId] = drops;
            return false;
        }

        _drops.Remove(messageId);
        return true;
    }

    /// <summary>The source connection failed while parking the message (it is redelivered).</summary>
    public void ParkFailed(string messageId) => _parkFailures[messageId] = ParkFailures(messageId) + 1;

    /// <summary>Parks of the message that failed with the source connection, since it was last settled.</summary>
    public int ParkFailures(string messageId) => _parkFailures.GetValueOrDefault(messageId);

    public bool IsExhausted(int attempt) => attempt >= maxAttempts;

    /// <summary>The backoff after attempt number <paramref name="attempt"/>, before the message is sent again.</summary>
    public TimeSpan RetryDelay(int attempt) => backoff.Delay(attempt - 1);

    /// <summary>The message was settled: stored on the target, parked or NACKed.</summary>
    public void Forget(string messageId)
    {
        _attempts.Remove(messageId);
        _drops.Remove(messageId);
        _parkFailures.Remove(messageId);
    }
}
