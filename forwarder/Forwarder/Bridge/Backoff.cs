namespace Forwarder.Bridge;

/// <summary>Exponential backoff with jitter: initial × 2^attempt, capped, spread by ±jitter.</summary>
internal sealed class Backoff(TimeSpan initial, TimeSpan max, double jitter, Func<double>? random = null)
{
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    /// <param name="attempt">0 for the first retry.</param>
    public TimeSpan Delay(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt, 30));
        var ms = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * factor);
        // Spread reconnects of several agents so they do not hit a recovering broker at the same moment.
        ms *= 1 + (jitter * ((2 * _random()) - 1));
        return TimeSpan.FromMilliseconds(Math.Max(0, ms));
    }
}
