using Forwarder.Destinations;

namespace Forwarder.Configuration;

/// <summary>The parsed forms of validated options.</summary>
internal static class ForwarderOptionsExtensions
{
    public static BrokerEndpoint SourceEndpoint(this ForwarderOptions o) =>
        Parse(BrokerEndpoint.SplitList(o.Source ?? "")[0]);

    /// <summary>Target endpoints in failover order.</summary>
    public static IReadOnlyList<BrokerEndpoint> TargetEndpoints(this ForwarderOptions o) =>
        [.. o.TargetEntries().SelectMany(t => BrokerEndpoint.SplitList(t.Value)).Select(Parse)];

    /// <summary>Each target entry with the name of the setting it came from, for error messages.</summary>
    public static IEnumerable<(string Setting, string Value)> TargetEntries(this ForwarderOptions o)
    {
        if (!string.IsNullOrWhiteSpace(o.Target))
        {
            yield return ($"{ForwarderOptions.SectionName}:Target", o.Target);
        }

        for (var i = 0; i < o.Targets.Count; i++)
        {
            yield return ($"{ForwarderOptions.SectionName}:Targets:{i}", o.Targets[i]);
        }
    }

    public static DestinationFilter CreateFilter(this ForwarderOptions o) => new(
        [.. o.StaticallyIncludedDestinations.Select(DestinationPattern.Parse)],
        [.. o.ExcludedDestinations.Select(DestinationPattern.Parse)],
        o.ParkingQueue);

    /// <summary>
    /// The queue on the target broker for a source queue (named or found by a wildcard): its map entry, else the one
    /// target queue, else prefix + name.
    /// </summary>
    public static string TargetQueueFor(this ForwarderOptions o, string sourceQueue) =>
        o.TargetQueueMap.TryGetValue(sourceQueue, out var mapped) ? mapped
        : !string.IsNullOrEmpty(o.TargetQueue) ? o.TargetQueue
        : o.TargetQueuePrefix + sourceQueue;

    public static string ParkingQueueFor(this ForwarderOptions o, string sourceQueue) =>
        o.ParkingQueue.Replace(ForwarderOptions.QueuePlaceholder, sourceQueue, StringComparison.Ordinal);

    private static BrokerEndpoint Parse(string uri) =>
        BrokerEndpoint.TryParse(uri, out var e) ? e : throw new FormatException($"'{uri}' is not a stomp:// or stomp+ssl:// URI");
}
