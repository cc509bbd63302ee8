namespace Forwarder.Destinations;

/// <summary>
/// An ActiveMQ queue name or wildcard, matched as ActiveMQ 5.17 matches it (<c>PrefixDestinationFilter</c>,
/// <c>WildcardDestinationFilter</c>): segments split on <c>.</c>, <c>*</c> matches exactly one segment, a final
/// <c>&gt;</c> matches zero or more segments, so <c>Orders.&gt;</c> matches <c>Orders</c> as well as
/// <c>Orders.A.B</c>, and <c>Orders.*.&gt;</c> matches <c>Orders.EU</c>.
/// </summary>
internal sealed class DestinationPattern
{
    private readonly string[] _segments;

    private DestinationPattern(string text, string[] segments)
    {
        Text = text;
        _segments = segments;
    }

    /// <summary>The physical name, without any <c>queue://</c> prefix.</summary>
    public string Text { get; }

    public bool HasWildcard => _segments.Any(s => s is "*" or ">");

    /// <summary>True when the first segment is a name, so the pattern names e.g. <c>DLQ</c> or <c>ActiveMQ</c> explicitly.</summary>
    public bool FirstSegmentIsLiteral => _segments[0] is not ("*" or ">");

    public override string ToString() => Text;

    /// <summary>
    /// Accepts <c>Name</c>, <c>queue://Name</c>, <c>queue:Name</c> and <c>/queue/Name</c>. Returns an error text for
    /// topics, empty names, empty segments and a <c>&gt;</c> that is not last.
    /// </summary>
    public static DestinationPattern Parse(string text) =>
        TryParse(text, out var pattern, out var error) ? pattern : throw new FormatException(error);

    public static bool TryParse(string? text, out DestinationPattern pattern, out string error)
    {
        pattern = null!;
        var t = (text ?? "").Trim();
        foreach (var prefix in (string[])["queue://", "queue:", "/queue/"])
        {
            if (t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                t = t[prefix.Length..];
                break;
            }
        }

        if (t.StartsWith("topic:", StringComparison.OrdinalIgnoreCase) || t.StartsWith("/topic/", StringComparison.OrdinalIgnoreCase))
        {
            error = $"'{text}' is a topic; the forwarder moves queue messages only";
            return false;
        }

        if (t.Length == 0)
        {
            error = "an empty destination name";
            return false;
        }

        var segments = t.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Length == 0)
            {
                error = $"'{text}' has an empty name segment";
                return false;
            }

            if (segments[i] == ">" && i != segments.Length - 1)
            {
                error = $"'{text}': '>' may only be the last segment";
                return false;
            }

            if (segments[i].Length > 1 && (segments[i].Contains('*', StringComparison.Ordinal) || segments[i].Contains('>', StringComparison.Ordinal)))
            {
                error = $"'{text}': wildcards '*' and '>' must be whole segments";
                return false;
            }
        }

        pattern = new DestinationPattern(t, segments);
        error = "";
        return true;
    }

    /// <summary>Does the queue name match this pattern?</summary>
    public bool Matches(string queue) => Match(_segments, 0, queue.Split('.'), 0);

    /// <summary>Is there a queue name that matches both patterns?</summary>
    public bool Overlaps(DestinationPattern other) => Overlap(_segments, 0, other._segments, 0);

    private static bool Match(string[] pattern, int p, string[] name, int n)
    {
        for (; p < pattern.Length; p++, n++)
        {
            if (pattern[p] == ">")
            {
                // Zero or more: the broker's prefix filter takes a name as long as the segments before '>' (measured).
                return true;
            }

            if (n >= name.Length || (pattern[p] != "*" && !string.Equals(pattern[p], name[n], StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return n == name.Length;
    }

    private static bool Overlap(string[] a, int i, string[] b, int j)
    {
        for (; i < a.Length && j < b.Length; i++, j++)
        {
            if (a[i] == ">" || b[j] == ">")
            {
                return true;
            }

            if (a[i] != "*" && b[j] != "*" && !string.Equals(a[i], b[j], StringComparison.Ordinal))
            {
                return false;
            }
        }

        // One pattern has ended; the other still matches that name only when all it has left is '>' (zero segments).
        return (i == a.Length || a[i] == ">") && (j == b.Length || b[j] == ">");
    }
}
