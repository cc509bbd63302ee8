using Amazon.SQS;
using LocalPipeline.Tracking;
using Microsoft.Extensions.Logging;

namespace LocalPipeline.Run;

/// <summary>
/// Watches the places the event source does not see and redraws the live counts, every second: the function's SQS
/// dead-letter queue, and the forwarder's parking queue on onprem, browsed when the agent's parked counter
/// (<c>/metrics</c>) is ahead of what the last browse found (every 5 s when its metrics cannot be read).
/// </summary>
internal sealed class MonitorStage(PipelineRun run, BrokerStage onprem, MotoStage moto, ForwarderStage forwarder, EventSourceStage eventSource) : IPipelineStage
{
    private readonly ILogger _logger = run.Loggers.CreateLogger<MonitorStage>();
    private AmazonSQSClient? _sqs;
    private SqsDeadLetterReader? _deadLetters;
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private long _browsed;
    private int _tick;

    public string Name => "monitor";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _sqs = moto.Moto.CreateSqsClient();
        _deadLetters = new SqsDeadLetterReader(_sqs, moto.Moto.DeadLetterQueueUrl, run.Tracker);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _loop = WatchAsync(_deadLetters, _stop.Token);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Waits until every sent message is processed or dead-lettered, or nothing changed for the settle timeout;
    /// then reads both dead-letter places once more and shows the counts.
    /// </summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        await WaitUntilSettledAsync(cancellationToken).ConfigureAwait(false);
        await _deadLetters!.DrainAsync(cancellationToken).ConfigureAwait(false);
        await BrowseParkingAsync(cancellationToken).ConfigureAwait(false);
        run.View.Live(run.Tracker.Counts(), force: true);
    }

    /// <summary>
    /// Hands the SQS dead letters over (to a redrive): makes the ones read so far visible again and reads the queue
    /// no more. What the tracker learnt of them stays.
    /// </summary>
    public Task ReleaseDeadLettersAsync(CancellationToken cancellationToken) =>
        (_deadLetters ?? throw new InvalidOperationException("the monitor is not started")).ReleaseAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
#pragma warning disable VSTHRD003 // started by StartAsync; no synchronization context here.
            await _loop!.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
#pragma warning restore VSTHRD003
            _stop.Dispose();
        }

        _sqs?.Dispose();
    }

    private async Task WaitUntilSettledAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var counts = run.Tracker.Counts();
            // At least: the fault suite sends more messages of its own while the run's producer sends.
            if (counts.Sent >= run.Options.Messages && counts.Lost == 0)
            {
                return;
            }

            eventSource.ThrowIfFailed();
            var quiet = TimeSpan.FromMilliseconds(run.Time.GetUtcNow().ToUnixTimeMilliseconds() - run.Tracker.LastChange);
            if (quiet > run.Options.SettleTimeout)
            {
                run.View.Step($"nothing changed for {run.Options.SettleTimeout.TotalSeconds:0} s: {counts.Lost} message(s) unaccounted for");
                return;
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WatchAsync(SqsDeadLetterReader deadLetters, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
                await deadLetters.DrainAsync(cancellationToken).ConfigureAwait(false);
                if (await forwarder.ParkedTotalAsync(cancellationToken).ConfigureAwait(false) is { } parked ? parked > Interlocked.Read(ref _browsed) : ++_tick % 5 == 0)
                {
                    await BrowseParkingAsync(cancellationToken).ConfigureAwait(false);
                }

                run.View.Live(run.Tracker.Counts(), force: false);
                if (eventSource.HasFailed)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is Amazon.Runtime.AmazonServiceException or HttpRequestException or Stomp.StompException or IOException)
            {
                _logger.MonitorReadFailed(ex);
            }
        }
    }

    private async Task BrowseParkingAsync(CancellationToken cancellationToken)
    {
        var parked = await QueueBrowser.BrowseAsync(onprem.Broker.StompUri, "DLQ." + run.Options.Queue, _logger, cancellationToken).ConfigureAwait(false);
        foreach (var headers in parked)
        {
            run.Tracker.Parked(headers);
        }

        Interlocked.Exchange(ref _browsed, parked.Count);
    }
}
