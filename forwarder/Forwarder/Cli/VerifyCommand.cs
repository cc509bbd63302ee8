using System.CommandLine;
using System.Globalization;
using Forwarder.Configuration;
using Forwarder.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Stomp;

namespace Forwarder.Cli;

/// <summary>
/// <c>forwarder verify</c>: the link checked end to end: both brokers reachable with the credentials (of an
/// active/standby target, exactly one: <see cref="VerifyEndpoints"/>), what the source broker can do over STOMP, and
/// per queue the backlog, consumers (is an agent attached?) and counts.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create() => LinkOptions.CreateCommand(
        "verify",
        "Check the link: brokers reachable, credentials accepted, per queue the on-prem backlog, whether an agent consumes it, and counts forwarded.",
        VerifyAsync);

    private static async Task<int> VerifyAsync(ParseResult parse, ForwarderOptions options, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var (sources, sourceOk) = await VerifyEndpoints.ConnectAsync(output, "source", [(options.SourceEndpoint(), () => StompClientFactory.Source(options))], cancellationToken);
        var (targets, targetOk) = await VerifyEndpoints.ConnectAsync(
            output, "target", [.. options.TargetEndpoints().Select(e => (e, (Func<StompClientOptions>)(() => StompClientFactory.Target(options, e))))], cancellationToken);
        var ok = sourceOk && targetOk;
        var source = sources.FirstOrDefault();
        try
        {
            if (source is not null)
            {
                await ReportQueuesAsync(output, options, source, targets.FirstOrDefault(), cancellationToken);
            }
        }
        finally
        {
            foreach (var client in targets.Prepend(source).OfType<StompClient>())
            {
                await client.DisposeAsync();
            }
        }

        await output.WriteLineAsync(ok ? "verify: OK" : "verify: FAILED");
        return ok ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static async Task ReportQueuesAsync(TextWriter output, ForwarderOptions options, StompClient source, StompClient? target, CancellationToken cancellationToken)
    {
        var clientOptions = StompClientFactory.Source(options);
        bool jars;
        await using (var probe = await StompClient.ConnectAsync(clientOptions, NullLogger.Instance, cancellationToken))
        {
            jars = await TransformationProbe.IsAvailableAsync(probe, cancellationToken);
        }

        await output.WriteLineAsync(jars
            ? "source  map/object as JSON, advisories, statistics over STOMP: available"
            : "source  map/object as JSON, advisories, statistics over STOMP: NOT available (xstream/jettison jars missing from the broker's lib/): no backlog figures, map/object messages are dead-lettered, wildcards overlapping an exclusion cannot be discovered");
        var filter = options.CreateFilter();
        var queues = new SortedSet<string>(filter.Includes.Where(i => !i.HasWildcard && filter.IsForwarded(i.Text)).Select(i => i.Text), StringComparer.Ordinal);
        if (!jars)
        {
            foreach (var q in queues)
            {
                await output.WriteLineAsync($"queue   {q}");
            }

            return;
        }

        foreach (var q in await QueueDiscovery.ListAsync(source, cancellationToken))
        {
            if (filter.IsForwarded(q))
            {
                queues.Add(q);
            }
        }

        await using var sourceStats = await BrokerStatistics.OpenAsync(source, cancellationToken);
        var targetStats = target is null ? null : await TryOpenAsync(target, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{"queue",-40} {"backlog",8} {"consumers",9} {"enqueued",9} {"dequeued",9} {"on target",9}  agent"));
        foreach (var q in queues)
        {
            var s = await sourceStats.QueryAsync(q, TimeSpan.FromSeconds(2), cancellationToken);
            var t = targetStats is null ? null : await targetStats.QueryAsync(options.TargetQueueFor(q), TimeSpan.FromSeconds(2), cancellationToken);
            var consumers = BrokerStatistics.Long(s, "consumerCount");
            var agent = s is null ? "unknown (no statisticsBrokerPlugin)" : consumers > 0 ? "consuming" : "NO CONSUMER";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{q,-40} {Show(s, "size"),8} {Show(s, "consumerCount"),9} {Show(s, "enqueueCount"),9} {Show(s, "dequeueCount"),9} {Show(t, "enqueueCount"),9}  {agent}"));
        }

        if (targetStats is not null)
        {
            await targetStats.DisposeAsync();
        }
    }

    private static string Show(IReadOnlyDictionary<string, string>? stats, string key) => BrokerStatistics.Long(stats, key) is var n && n >= 0 ? n.ToString(CultureInfo.InvariantCulture) : "n/a";

    private static async Task<BrokerStatistics?> TryOpenAsync(StompClient target, CancellationToken cancellationToken)
    {
        try
        {
            return await BrokerStatistics.OpenAsync(target, cancellationToken);
        }
        catch (StompException)
        {
            // The target (e.g. without the jars) cannot answer; counts on target show n/a.
            return null;
        }
    }
}
