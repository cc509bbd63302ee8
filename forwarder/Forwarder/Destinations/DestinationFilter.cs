using Forwarder.Configuration;

namespace Forwarder.Destinations;

/// <summary>
/// Which source queues the link forwards: included by a pattern, not excluded by one, and not one of the queues
/// left out by default (<c>ActiveMQ.&gt;</c>, <c>DLQ.&gt;</c> and the parking queues) unless the including pattern
/// names that first segment itself: <c>&gt;</c> alone must not forward dead letters, advisories or parked messages.
/// </summary>
internal sealed class DestinationFilter
{
    public DestinationFilter(IReadOnlyList<DestinationPattern> includes, IReadOnlyList<DestinationPattern> excludes, string parkingQueue)
    {
        Includes = includes;
        Excludes = excludes;
        ImplicitExcludes = ImplicitExclusions(parkingQueue);
    }

    public IReadOnlyList<DestinationPattern> Includes { get; }

    public IReadOnlyList<DestinationPattern> Excludes { get; }

    /// <summary>Left out unless the including pattern starts with the same literal segment.</summary>
    public IReadOnlyList<DestinationPattern> ImplicitExcludes { get; }

    public bool IsForwarded(string queue)
    {
        var include = Includes.FirstOrDefault(p => p.Matches(queue));
        if (include is null || Excludes.Any(p => p.Matches(queue)))
        {
            return false;
        }

        return include.FirstSegmentIsLiteral || !ImplicitExcludes.Any(p => p.Matches(queue));
    }

    /// <summary>
    /// The exclusions that a subscription to <paramref name="include"/> would wrongly consume from: a wildcard
    /// subscription cannot leave them out, so such an include needs queue discovery instead.
    /// </summary>
    public IReadOnlyList<DestinationPattern> OverlappingExclusions(DestinationPattern include)
    {
        var all = include.FirstSegmentIsLiteral ? Excludes : Excludes.Concat(ImplicitExcludes);
        return [.. all.Where(include.Overlaps)];
    }

    private static List<DestinationPattern> ImplicitExclusions(string parkingQueue)
    {
        List<DestinationPattern> list = [DestinationPattern.Parse("ActiveMQ.>"), DestinationPattern.Parse("DLQ.>")];
        const string Placeholder = ForwarderOptions.QueuePlaceholder;
        var at = parkingQueue.IndexOf(Placeholder, StringComparison.Ordinal);
        string? parking = at switch
        {
            < 0 => parkingQueue,
            _ when at + Placeholder.Length == parkingQueue.Length && at > 0 && parkingQueue[at - 1] == '.' => parkingQueue[..at] + ">",
            _ => null,
        };
        if (parking is not null && DestinationPattern.TryParse(parking, out var p, out _) && !list.Any(x => x.Text == p.Text))
        {
            list.Add(p);
        }

        return list;
    }
}
