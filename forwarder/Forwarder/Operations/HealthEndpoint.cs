using System.Globalization;
using System.Net;
using System.Text;
using Forwarder.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forwarder.Operations;

/// <summary>
/// <c>GET /health</c> on the metrics port: 200 when both brokers are connected, else 503, with a small JSON body.
/// Served by its own HttpListener prefix next to the Prometheus exporter's <c>/metrics</c>.
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
        using var listener = new HttpListener();
        listener.Prefixes.Add(prefix);
        try
        {
            listener.Start();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Telemetry never stops forwarding: besides a taken port, Start() has been seen to throw
            // ArgumentNullException from inside HttpEndPointListener when a client connected while it started.
            logger.MetricsEndpointFailed(prefix, ex.Message);
            return;
        }

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

            await RespondAsync(context.Response);
        }
    }

    private async Task RespondAsync(HttpListenerResponse response)
    {
        var up = metrics.SourceUp && metrics.TargetUp;
        var json = string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"status\":\"{(up ? "up" : "degraded")}\",\"source\":{Bool(metrics.SourceUp)},\"target\":{Bool(metrics.TargetUp)},\"targetEndpoint\":\"{metrics.TargetEndpoint}\",\"forwarded\":{metrics.ForwardedTotal},\"parked\":{metrics.ParkedTotal},\"inFlight\":{metrics.InFlight}}}\n");
        var bytes = Encoding.UTF8.GetBytes(json);
        response.StatusCode = up ? 200 : 503;
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
