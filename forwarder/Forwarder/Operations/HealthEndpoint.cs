using System.Globalization;
using System.Net;
using System.Text;
using Forwarder.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forwarder.Operations;

/// <summary>
/// Health on the metrics port, each 200 or 503 with a small JSON body, served by its own HttpListener prefix next to
/// the Prometheus exporter's <c>/metrics</c>: <c>/health/live</c> — the forwarding loop runs (restart when not);
/// <c>/health/ready</c> — both brokers connected and no batch waiting for its receipt longer than ReceiptTimeout;
/// <c>/health</c> — both brokers connected, with the counters.
/// </summary>
internal sealed class HealthEndpoint(IOptions<ForwarderOptions> options, ForwarderMetrics metrics, ILogger<HealthEndpoint> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (o.MetricsPort == 0)
        {
            return;
        }

        var prefix = string.Create(CultureInfo.InvariantCulture, $"http://{o.MetricsHost}:{o.MetricsPort}/health/");
        HttpListener? started = null;
        if (!await EndpointBinding.StartAsync(
            () => TryStart(prefix, out started),
            error => logger.MetricsEndpointFailed(prefix, EndpointBinding.RetryInterval, error),
            () => logger.EndpointStartedLate(prefix),
            stoppingToken))
        {
            return;
        }

        using var listener = started!;
        using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // Stop() during shutdown ends the wait this way.
                break;
            }

            var path = context.Request.Url?.AbsolutePath.TrimEnd('/');
            var (ok, json) = path switch
            {
                "/health/live" => Live(),
                "/health/ready" => Ready(o.ReceiptTimeout),
                _ => Status(),
            };
            await RespondAsync(context.Response, ok, json);
        }
    }

    /// <returns>null when started; else why not.</returns>
    private static string? TryStart(string prefix, out HttpListener? started)
    {
        var listener = new HttpListener();
        listener.Prefixes.Add(prefix);
        try
        {
            listener.Start();
            started = listener;
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Telemetry never stops forwarding: besides a taken port, Start() has been seen to throw
            // ArgumentNullException from inside HttpEndPointListener when a client connected while it started.
            listener.Close();
            started = null;
            return ex.Message;
        }
    }

    private (bool Ok, string Json) Status()
    {
        var up = metrics.SourceUp && metrics.TargetUp;
        return (up, string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"status\":\"{(up ? "up" : "degraded")}\",\"source\":{Bool(metrics.SourceUp)},\"target\":{Bool(metrics.TargetUp)},\"targetEndpoint\":\"{metrics.TargetEndpoint}\",\"forwarded\":{metrics.ForwardedTotal},\"parked\":{metrics.ParkedTotal},\"inFlight\":{metrics.InFlight}}}\n"));
    }

    private (bool Ok, string Json) Live()
    {
        var live = metrics.WorkerRunning;
        return (live, $"{{\"status\":\"{(live ? "live" : "stopped")}\"}}\n");
    }

    private (bool Ok, string Json) Ready(TimeSpan receiptTimeout)
    {
        var age = metrics.OldestSendAge;
        var waiting = age > receiptTimeout;
        var ready = metrics.SourceUp && metrics.TargetUp && !waiting;
        var ageText = age is { } a ? a.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) : "null";
        return (ready, string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"status\":\"{(ready ? "ready" : "not ready")}\",\"source\":{Bool(metrics.SourceUp)},\"target\":{Bool(metrics.TargetUp)},\"oldestBatchWaitSeconds\":{ageText},\"receiptTimeoutSeconds\":{receiptTimeout.TotalSeconds}}}\n"));
    }

    private static async Task RespondAsync(HttpListenerResponse response, bool ok, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        response.StatusCode = ok ? 200 : 503;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        try
        {
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
        }
        catch (HttpListenerException)
        {
            // The client went away; nothing to report.
        }
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
