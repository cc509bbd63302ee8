using System.Globalization;
using Provenance = Contract.ProvenanceProperties;

namespace Forwarder.Redrive;

/// <summary>
/// The headers of a redriven copy. Restored: the producer's properties, the JMS headers a SEND can set
/// (<c>correlation-id</c>, <c>type</c>, <c>reply-to</c>, <c>priority</c>, <c>timestamp</c>) and the provenance, with
/// <c>fwd_origin_id</c> and <c>fwd_origin_queue</c> stamped when the dead letter had none, so the copy keeps the
/// original's idempotency key. Added: <c>fwd_redrive_count</c> = the dead letter's own count + 1, and
/// <c>persistent:true</c>. Not restored: an absolute <c>expires</c> (the copy would expire at once), what the
/// broker assigns per delivery, and the dead-letter bookkeeping in <see cref="Dropped"/>.
/// </summary>
internal static class RedriveHeaders
{
    /// <summary>
    /// Dropped from the copy: assigned anew by the broker or per delivery (<c>message-id</c>, <c>destination</c>,
    /// <c>subscription</c>, <c>ack</c>, <c>redelivered</c>, <c>content-length</c>), reserved by SEND, never restored
    /// (<c>expires</c>, a parked copy's <c>fwd_original_expires</c>), or describing the failure rather than the
    /// message (<c>fwd_park_reason</c>, ActiveMQ's <c>dlqDeliveryFailureCause</c>); the redrive count is replaced.
    /// </summary>
    public static readonly IReadOnlySet<string> Dropped = new HashSet<string>(StringComparer.Ordinal)
    {
        "message-id", "destination", "subscription", "ack", "redelivered", "content-length", "receipt", "transaction",
        "expires", "persistent", "transformation", "dlqDeliveryFailureCause",
        Provenance.OriginalExpires, Provenance.ParkReason, Provenance.RedriveCount,
    };

    /// <summary>
    /// The copy's headers from the dead letter's own <paramref name="headers"/> (a broker frame, or the JMS headers
    /// and properties of an SQS dead letter); <paramref name="originId"/> and <paramref name="originQueue"/> are
    /// stamped when the headers carry no <c>fwd_origin_*</c> of their own.
    /// </summary>
    public static List<KeyValuePair<string, string>> For(IEnumerable<KeyValuePair<string, string>> headers, string? originId, string originQueue)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var copy = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? found = null;
        foreach (var (name, value) in headers)
        {
            if (!seen.Add(name))
            {
                continue; // STOMP 1.2: the first header of a name is the header
            }

            if (name == Provenance.RedriveCount)
            {
                found = value;
            }

            if (!Dropped.Contains(name) && IsValid(name, value))
            {
                copy.Add(new(name, value));
            }
        }

        if (!seen.Contains(Provenance.OriginId) && !string.IsNullOrEmpty(originId))
        {
            copy.Add(new(Provenance.OriginId, originId));
        }

        if (!seen.Contains(Provenance.OriginQueue))
        {
            copy.Add(new(Provenance.OriginQueue, originQueue));
        }

        copy.Add(new(Provenance.RedriveCount, (CountOf(found) + 1).ToString(CultureInfo.InvariantCulture)));
        copy.Add(new("persistent", "true"));
        return copy;
    }

    /// <summary>The redrive count a dead letter carries: absent or not a whole number is 0.</summary>
    public static int CountOf(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;

    /// <summary>A JMS header value the SEND would act on is copied only when valid (a forwarded copy's rules).</summary>
    private static bool IsValid(string name, string value) => name switch
    {
        "priority" => value is [>= '0' and <= '9'],
        "timestamp" => value.Length > 0 && value.All(char.IsAsciiDigit),
        "reply-to" => value.StartsWith("/queue/", StringComparison.Ordinal) || value.StartsWith("/topic/", StringComparison.Ordinal),
        "correlation-id" or "type" => value.Length > 0,
        _ => true,
    };
}
