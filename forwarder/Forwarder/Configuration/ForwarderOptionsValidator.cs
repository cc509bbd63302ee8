using Forwarder.Destinations;

namespace Forwarder.Configuration;

/// <summary>
/// Checks the whole configuration at start; every error names the setting and the bad value. The single-setting
/// rules are attributes on <see cref="ForwarderOptions"/>; here are the rules that parse a value or weigh one
/// setting against another.
/// </summary>
internal static class ForwarderOptionsValidator
{
    private const string S = ForwarderOptions.SectionName;

    private static readonly ForwarderSettingRules SettingRules = new();

    public static IEnumerable<string> Errors(ForwarderOptions o) =>
    [
        .. SettingRules.Validate(null, o).Failures ?? [],
        .. EndpointErrors(o),
        .. DestinationErrors(o),
        .. SecretErrors(o),
        .. LinkErrors(o),
        .. ParkingLoopErrors(o),
    ];

    private static IEnumerable<string> EndpointErrors(ForwarderOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.Source))
        {
            yield return $"{S}:Source: is required (e.g. stomp://onprem-broker:61613; {Where(nameof(o.Source))})";
        }
        else if (BrokerEndpoint.SplitList(o.Source) is var sources && (sources.Count != 1 || !BrokerEndpoint.TryParse(sources[0], out _)))
        {
            yield return $"{S}:Source: '{o.Source}' is not a stomp:// or stomp+ssl:// URI";
        }

        var targets = 0;
        foreach (var (setting, value) in o.TargetEntries())
        {
            foreach (var uri in BrokerEndpoint.SplitList(value))
            {
                targets++;
                if (!BrokerEndpoint.TryParse(uri, out _))
                {
                    yield return $"{setting}: '{uri}' is not a stomp:// or stomp+ssl:// URI";
                }
            }
        }

        if (targets == 0)
        {
            yield return $"{S}:Target: is required (e.g. stomp+ssl://b-xxxx.mq.eu-west-1.amazonaws.com:61614; {Where(nameof(o.Targets))})";
        }
    }

    private static IEnumerable<string> DestinationErrors(ForwarderOptions o)
    {
        foreach (var error in PatternErrors($"{S}:StaticallyIncludedDestinations", o.StaticallyIncludedDestinations))
        {
            yield return error;
        }

        if (o.StaticallyIncludedDestinations.Count == 0)
        {
            yield return $"{S}:StaticallyIncludedDestinations: name at least one queue or wildcard (e.g. 'Orders.>'; {Where(nameof(o.StaticallyIncludedDestinations))})";
        }

        foreach (var error in PatternErrors($"{S}:ExcludedDestinations", o.ExcludedDestinations))
        {
            yield return error;
        }

        if (!IsQueueName(o.ParkingQueue?.Replace(ForwarderOptions.QueuePlaceholder, "Q", StringComparison.Ordinal)))
        {
            yield return $"{S}:ParkingQueue: '{o.ParkingQueue}' is not a queue name; use e.g. 'DLQ.{ForwarderOptions.QueuePlaceholder}' ({ForwarderOptions.QueuePlaceholder} is the source queue)";
        }

        foreach (var error in TargetQueueErrors(o))
        {
            yield return error;
        }
    }

    /// <summary>Every target a mapping can name must be one queue; a map entry must name a queue the link forwards.</summary>
    private static IEnumerable<string> TargetQueueErrors(ForwarderOptions o)
    {
        if (!string.IsNullOrEmpty(o.TargetQueue) && !IsQueueName(o.TargetQueue))
        {
            yield return $"{S}:TargetQueue: '{o.TargetQueue}' is not a queue name (one queue, no wildcard, e.g. the stack's QueueName 'orders'; {Where(nameof(o.TargetQueue))})";
        }

        if (o.TargetQueuePrefix.Length > 0 && !IsQueueName(o.TargetQueuePrefix + "Q"))
        {
            yield return $"{S}:TargetQueuePrefix: '{o.TargetQueuePrefix}' does not make queue names (e.g. 'onprem.' makes 'onprem.Orders.A')";
        }

        var filter = o.ParkingQueue is not null && o.StaticallyIncludedDestinations.Concat(o.ExcludedDestinations).All(p => DestinationPattern.TryParse(p, out _, out _))
            ? o.CreateFilter()
            : null; // bad patterns are reported above
        foreach (var (from, to) in o.TargetQueueMap)
        {
            if (!IsQueueName(from))
            {
                yield return $"{S}:TargetQueueMap: '{from}' is not a queue name: the map renames exact source queues (for every queue of a wildcard use TargetQueue or TargetQueuePrefix)";
            }
            else if (filter is not null && !filter.IsForwarded(from))
            {
                yield return $"{S}:TargetQueueMap:{from}: no include forwards '{from}' (includes: {string.Join(", ", o.StaticallyIncludedDestinations)})";
            }

            if (!IsQueueName(to))
            {
                yield return $"{S}:TargetQueueMap:{from}: '{to}' is not a queue name";
            }
        }
    }

    private static IEnumerable<string> SecretErrors(ForwarderOptions o)
    {
        foreach (var (side, password, file) in (List<(string, string?, string?)>)
            [("Source", o.SourcePassword, o.SourcePasswordFile), ("Target", o.TargetPassword, o.TargetPasswordFile)])
        {
            if (!string.IsNullOrEmpty(file) && !string.IsNullOrEmpty(password))
            {
                yield return $"{S}:{side}PasswordFile: set either {side}Password or {side}PasswordFile, not both";
            }
        }
    }

    private static IEnumerable<string> LinkErrors(ForwarderOptions o)
    {
        if (o.Duplex)
        {
            yield return $"{S}:Duplex: true is not supported: the agent forwards one way, source to target. For the other direction run a second agent with source and target swapped; NetworkTtl and the fwd_hops property stop loops";
        }

        if (o.BatchSize < 1 || o.BatchSize > Math.Max(o.Prefetch, 1))
        {
            yield return $"{S}:BatchSize: {o.BatchSize} must be between 1 and Prefetch ({o.Prefetch}): a batch can only hold messages the broker has dispatched";
        }

        if (o.ReconnectInitialDelay <= TimeSpan.Zero || o.ReconnectMaxDelay < o.ReconnectInitialDelay)
        {
            yield return $"{S}:ReconnectInitialDelay/ReconnectMaxDelay: {o.ReconnectInitialDelay}/{o.ReconnectMaxDelay} must be positive, the maximum not below the initial delay";
        }
    }

    /// <summary>
    /// A parked message must stay parked: no wildcard include may consume a parking queue again (it would forward the
    /// copy, or park it again, in a loop). Checked for the parking queues of every include and for the one that keeps
    /// messages of unknown source under a wildcard (<see cref="UnknownSourceQueue"/>).
    /// </summary>
    private static IEnumerable<string> ParkingLoopErrors(ForwarderOptions o)
    {
        if (o.ParkingQueue is not { } parkingQueue
            || !IsQueueName(parkingQueue.Replace(ForwarderOptions.QueuePlaceholder, "Q", StringComparison.Ordinal))
            || !o.StaticallyIncludedDestinations.Concat(o.ExcludedDestinations).All(p => DestinationPattern.TryParse(p, out _, out _)))
        {
            yield break; // reported above
        }

        var filter = o.CreateFilter();
        var parking = filter.Includes
            .SelectMany(i => (IEnumerable<DestinationPattern?>)[ParkingPattern(parkingQueue, i.Text), i.HasWildcard ? ParkingPattern(parkingQueue, UnknownSourceQueue.For(i)) : null])
            .OfType<DestinationPattern>()
            .DistinctBy(p => p.Text);
        foreach (var parked in parking)
        {
            foreach (var wildcard in filter.Includes.Where(i => i.HasWildcard && i.Overlaps(parked)))
            {
                var excluded = wildcard.FirstSegmentIsLiteral ? filter.Excludes : filter.Excludes.Concat(filter.ImplicitExcludes);
                if (!excluded.Any(e => Covers(e, parked)))
                {
                    yield return $"{S}:ParkingQueue: '{parkingQueue}' parks messages on '{parked}', which the include '{wildcard}' consumes again " +
                        $"(a parked message would be forwarded or parked again, in a loop); use a parking queue outside the includes, e.g. 'DLQ.{ForwarderOptions.QueuePlaceholder}', or exclude it";
                    yield break;
                }
            }
        }
    }

    /// <summary>
    /// The parking queues of the queues <paramref name="include"/> matches, as a pattern; a <c>&gt;</c> that would
    /// not be last is cut there, which can only widen it.
    /// </summary>
    private static DestinationPattern? ParkingPattern(string parkingQueue, string include)
    {
        var text = parkingQueue.Replace(ForwarderOptions.QueuePlaceholder, include, StringComparison.Ordinal);
        var segments = text.Split('.');
        var any = Array.IndexOf(segments, ">");
        if (any >= 0)
        {
            text = string.Join('.', segments[..(any + 1)]);
        }

        return DestinationPattern.TryParse(text, out var pattern, out _) ? pattern : null;
    }

    /// <summary>True when every queue <paramref name="pattern"/> matches is matched by <paramref name="exclusion"/>.</summary>
    private static bool Covers(DestinationPattern exclusion, DestinationPattern pattern) =>
        exclusion.Matches(pattern.Text) && (!pattern.Text.EndsWith('>') || exclusion.Text.EndsWith('>'));

    private static IEnumerable<string> PatternErrors(string setting, List<string> patterns)
    {
        for (var i = 0; i < patterns.Count; i++)
        {
            if (!DestinationPattern.TryParse(patterns[i], out _, out var error))
            {
                yield return $"{setting}:{i}: {error}";
            }
        }
    }

    private static bool IsQueueName(string? text) =>
        !string.IsNullOrWhiteSpace(text) && DestinationPattern.TryParse(text, out var pattern, out _) && !pattern.HasWildcard;

    /// <summary>Where else than the configuration file a setting can be given, e.g. <c>--source, FORWARDER_SOURCE</c>.</summary>
    private static string Where(string key)
    {
        var setting = ForwarderSetting.Named(key);
        return $"{setting.Option}, {setting.EnvVar}";
    }
}
