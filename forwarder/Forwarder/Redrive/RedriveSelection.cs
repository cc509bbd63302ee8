using System.Globalization;
using System.Text;
using Provenance = Contract.ProvenanceProperties;

namespace Forwarder.Redrive;

/// <summary>
/// Which dead letters to move: by target queue, by id (the origin id or the message id), by age, and at most a
/// count. Empty criteria select everything. Broker sources also hand it to the broker as a JMS selector, so that
/// what is not selected is never delivered to the redrive and stays where it is untouched.
/// </summary>
internal sealed record RedriveSelection
{
    public string? Queue { get; init; }

    public IReadOnlySet<string> Ids { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Only messages sent at least this long ago; a message without a known send time is not selected.</summary>
    public TimeSpan? OlderThan { get; init; }

    /// <summary>Only messages sent at most this long ago; a message without a known send time is not selected.</summary>
    public TimeSpan? NewerThan { get; init; }

    /// <summary>Move at most this many; null for all.</summary>
    public int? Max { get; init; }

    public bool Matches(RedriveCandidate candidate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (Queue is not null && !string.Equals(Queue, candidate.Queue, StringComparison.Ordinal))
        {
            return false;
        }

        if (Ids.Count > 0 && !Ids.Contains(candidate.MessageId) && (candidate.OriginId is null || !Ids.Contains(candidate.OriginId)))
        {
            return false;
        }

        if (OlderThan is null && NewerThan is null)
        {
            return true;
        }

        if (candidate.SentAt is not { } sent)
        {
            return false;
        }

        var age = now - sent;
        return (OlderThan is not { } older || age >= older) && (NewerThan is not { } newer || age <= newer);
    }

    /// <summary>
    /// The id and age criteria as an ActiveMQ JMS selector, or null when there are none. The queue is not part of
    /// it: a broker source reads one dead-letter queue, and a parked message names its queue in a property the
    /// selection checks itself.
    /// </summary>
    public string? JmsSelector(DateTimeOffset now)
    {
        var parts = new List<string>();
        if (Ids.Count > 0)
        {
            var list = string.Join(", ", Ids.Order(StringComparer.Ordinal).Select(Quote));
            parts.Add($"({Provenance.OriginId} IN ({list}) OR JMSMessageID IN ({list}))");
        }

        if (OlderThan is { } older)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"JMSTimestamp <= {(now - older).ToUnixTimeMilliseconds()}"));
        }

        if (NewerThan is { } newer)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"JMSTimestamp >= {(now - newer).ToUnixTimeMilliseconds()}"));
        }

        return parts.Count == 0 ? null : string.Join(" AND ", parts);
    }

    /// <summary>A JMS selector string literal: quotes doubled.</summary>
    private static string Quote(string text) => new StringBuilder("'").Append(text.Replace("'", "''", StringComparison.Ordinal)).Append('\'').ToString();
}
