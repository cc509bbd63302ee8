using Forwarder.Destinations;
using Microsoft.Extensions.Options;

namespace Forwarder.Configuration;

/// <summary>Checks the whole configuration at start; every error names the setting and the bad value.</summary>
internal sealed class ForwarderOptionsValidator : IValidateOptions<ForwarderOptions>
{
    private const string S = ForwarderOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ForwarderOptions options)
    {
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IEnumerable<string> Errors(ForwarderOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.Name))
        {
            yield return $"{S}:Name: must not be empty (e.g. 'Q:onprem->amazonmq')";
        }

        if (string.IsNullOrWhiteSpace(o.Source))
        {
            yield return $"{S}:Source: is required (e.g. stomp://onprem-broker:61613; --source, FORWARDER_SOURCE)";
        }
        else if (BrokerEndpoint.SplitList(o.Source) is var sources && (sources.Count != 1 || !BrokerEndpoint.TryParse(sources[0], out _)))
        {
            yield return $"{S}:Source: '{o.Source}' is not a stomp:// or stomp+ssl:// URI";
        }

        var targets = 0;
        foreach (var (setting, value) in TargetSettings(o))
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
            yield return $"{S}:Target: is required (e.g. stomp+ssl://b-xxxx.mq.eu-west-1.amazonaws.com:61614; --target, FORWARDER_TARGET)";
        }

        if (o.Duplex)
        {
            yield return $"{S}:Duplex: true is not supported: the agent forwards one way, source to target. For the other direction run a second agent with source and target swapped; NetworkTtl and the fwd_hops property stop loops";
        }

        if (o.NetworkTtl < 1)
        {
            yield return $"{S}:NetworkTtl: {o.NetworkTtl} must be at least 1 (the number of forwarding hops a message may take)";
        }

        foreach (var error in PatternErrors($"{S}:StaticallyIncludedDestinations", o.StaticallyIncludedDestinations))
        {
            yield return error;
        }

        if (o.StaticallyIncludedDestinations.Count == 0)
        {
            yield return $"{S}:StaticallyIncludedDestinations: name at least one queue or wildcard (e.g. 'Orders.>'; --include, FORWARDER_INCLUDE)";
        }

        foreach (var error in PatternErrors($"{S}:ExcludedDestinations", o.ExcludedDestinations))
        {
            yield return error;
        }

        foreach (var error in SecretErrors("Source", o.SourcePassword, o.SourcePasswordFile))
        {
            yield return error;
        }

        foreach (var error in SecretErrors("Target", o.TargetPassword, o.TargetPasswordFile))
        {
            yield return error;
        }

        foreach (var (setting, file) in (List<(string, string?)>)[($"{S}:SourceCaFile", o.SourceCaFile), ($"{S}:TargetCaFile", o.TargetCaFile)])
        {
            if (!string.IsNullOrEmpty(file) && !File.Exists(file))
            {
                yield return $"{setting}: file '{file}' does not exist";
            }
        }

        if (o.Prefetch < 1)
        {
            yield return $"{S}:Prefetch: {o.Prefetch} must be at least 1";
        }

        if (o.BatchSize < 1 || o.BatchSize > Math.Max(o.Prefetch, 1))
        {
            yield return $"{S}:BatchSize: {o.BatchSize} must be between 1 and Prefetch ({o.Prefetch}): a batch can only hold messages the broker has dispatched";
        }

        if (o.PipelineDepth is < 1 or > 16)
        {
            yield return $"{S}:PipelineDepth: {o.PipelineDepth} must be between 1 and 16";
        }

        if (o.MaxAttempts < 1)
        {
            yield return $"{S}:MaxAttempts: {o.MaxAttempts} must be at least 1";
        }

        if (string.IsNullOrWhiteSpace(o.ParkingQueue) || !DestinationPattern.TryParse(o.ParkingQueue.Replace("{queue}", "Q", StringComparison.Ordinal), out var park, out _) || park.HasWildcard)
        {
            yield return $"{S}:ParkingQueue: '{o.ParkingQueue}' is not a queue name; use e.g. 'DLQ.{{queue}}' ({{queue}} is the source queue)";
        }

        if (o.ReconnectInitialDelay <= TimeSpan.Zero || o.ReconnectMaxDelay < o.ReconnectInitialDelay)
        {
            yield return $"{S}:ReconnectInitialDelay/ReconnectMaxDelay: {o.ReconnectInitialDelay}/{o.ReconnectMaxDelay} must be positive, the maximum not below the initial delay";
        }

        if (o.ReconnectJitter is < 0 or > 1)
        {
            yield return $"{S}:ReconnectJitter: {o.ReconnectJitter} must be between 0 and 1";
        }

        if (o.MetricsPort is < 0 or > 65535)
        {
            yield return $"{S}:MetricsPort: {o.MetricsPort} is not a TCP port (0 turns the endpoint off)";
        }

        foreach (var (from, to) in o.TargetQueueMap)
        {
            if (!DestinationPattern.TryParse(to, out var p, out _) || p.HasWildcard)
            {
                yield return $"{S}:TargetQueueMap:{from}: '{to}' is not a queue name";
            }
        }
    }

    /// <summary>Each target entry with the name of the setting it came from, for error messages.</summary>
    public static IEnumerable<(string Setting, string Value)> TargetSettings(ForwarderOptions o)
    {
        if (!string.IsNullOrWhiteSpace(o.Target))
        {
            yield return ($"{S}:Target", o.Target);
        }

        for (var i = 0; i < o.Targets.Count; i++)
        {
            yield return ($"{S}:Targets:{i}", o.Targets[i]);
        }
    }

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

    private static IEnumerable<string> SecretErrors(string side, string? password, string? file)
    {
        if (string.IsNullOrEmpty(file))
        {
            yield break;
        }

        if (!string.IsNullOrEmpty(password))
        {
            yield return $"{S}:{side}PasswordFile: set either {side}Password or {side}PasswordFile, not both";
        }

        if (!File.Exists(file))
        {
            yield return $"{S}:{side}PasswordFile: file '{file}' does not exist";
        }
    }
}
