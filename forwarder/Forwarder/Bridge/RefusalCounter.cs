namespace Forwarder.Bridge;

/// <summary>
/// How often the target refused each message, by source message id (kept across reconnects: a redelivery has the
/// same id), and the backoff before the next attempt. At <c>maxAttempts</c> refusals a message is parked.
/// </summary>
internal sealed class RefusalCounter(int maxAttempts, Backoff backoff, TimeProvider time)
{
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public int MaxAttempts => maxAttempts;

    /// <summary>Counts one more refusal; returns the number of attempts so far.</summary>
    public int Refused(string messageId)
    {
        var attempt = _attempts.GetValueOrDefault(messageId) + 1;
        _attempts[messageId] = attempt;
        return attempt;
    }

    public bool IsExhausted(int attempt) => attempt >= maxAttempts;

    /// <summary>Waits the backoff after attempt number <paramref name="attempt"/>.</summary>
    public Task WaitBeforeRetryAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(backoff.Delay(attempt - 1), time, cancellationToken);

    /// <summary>The message was settled: stored on the target or parked.</summary>
    public void Forget(string messageId) => _attempts.Remove(messageId);
}
