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
                        await RefreshAsync(stats, queue, logger, stoppingToken);
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
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Anything else (a password file being rotated, a broker answering oddly): a failed background
                // service would stop the host, and the metric is not worth one forwarded message.
                logger.BacklogMonitorFailed(o.BacklogRefreshInterval, ex.Message);
                await Task.Delay(o.BacklogRefreshInterval, time, stoppingToken);
            }
        }
    }

    private async Task RefreshAsync(BrokerStatistics stats, string queue, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            if (await stats.QueryAsync(queue, TimeSpan.FromSeconds(2), cancellationToken) is { } s)
            {
                metrics.Backlog(queue, BrokerStatistics.Long(s, "size"));
            }
        }
        catch (FormatException ex)
        {
            logger.StatisticsReplyMalformed(queue, ex.Message);
        }
    }
}
