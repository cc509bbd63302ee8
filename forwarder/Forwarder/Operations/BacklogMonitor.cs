using Forwarder.Configuration;
using Forwarder.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stomp;

namespace Forwarder.Operations;

/// <summary>
/// Polls the source broker's statistics plugin for the size of every forwarded queue (the backlog metric). Needs
/// <c>statisticsBrokerPlugin</c> and the xstream/jettison jars on the source; without them the metric stays empty.
/// Uses its own connection, so it never disturbs forwarding.
/// </summary>
internal sealed class BacklogMonitor(IOptions<ForwarderOptions> options, ForwarderMetrics metrics, TimeProvider time, ILoggerFactory loggers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var filter = o.CreateFilter();
        var logger = loggers.CreateLogger("Forwarder.Backlog");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var client = await StompClientFactory.ConnectAsync(StompClientFactory.Source(o), loggers, time, stoppingToken);
                bool jars;
                await using (var probe = await StompClientFactory.ConnectAsync(StompClientFactory.Source(o), loggers, time, stoppingToken))
                {
                    jars = await TransformationProbe.IsAvailableAsync(probe, stoppingToken);
                }

                if (!jars)
                {
                    return;
                }

                await using var stats = await BrokerStatistics.OpenAsync(client, stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    var queues = filter.Includes.Where(i => !i.HasWildcard).Select(i => i.Text)
                        .Concat(await QueueDiscovery.ListAsync(client, stoppingToken))
                        .Where(filter.IsForwarded)
                        .Distinct(StringComparer.Ordinal);
                    foreach (var queue in queues)
                    {
                        if (await stats.QueryAsync(queue, TimeSpan.FromSeconds(2), stoppingToken) is { } s)
                        {
                            metrics.Backlog(queue, BrokerStatistics.Long(s, "size"));
                        }
                    }

                    await Task.Delay(o.BacklogRefreshInterval, time, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is StompException && !stoppingToken.IsCancellationRequested)
            {
                // The worker reports connection problems; the monitor only retries later.
                logger.BacklogUnavailable(ex.Message);
                await Task.Delay(o.BacklogRefreshInterval, time, stoppingToken);
            }
        }
    }
}
