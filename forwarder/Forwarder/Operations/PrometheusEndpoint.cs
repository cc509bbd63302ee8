using Forwarder.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Forwarder.Operations;

/// <summary>
/// <c>GET /metrics</c> (Prometheus) on the metrics port. OpenTelemetry's exporter binds the port while its meter
/// provider is built and throws when another process holds it; built here, that is a warning instead of a host that
/// fails to start, because metrics must never stop forwarding.
/// </summary>
internal sealed class PrometheusEndpoint(IOptions<ForwarderOptions> options, ILogger<PrometheusEndpoint> logger) : IHostedService, IDisposable
{
    public const string ServiceName = "mq-forwarder";

    private MeterProvider? _provider;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        try
        {
            // service.name identifies the agent (Prometheus: target_info); the link name tells two agents apart.
            _provider = Sdk.CreateMeterProviderBuilder()
                .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: o.Name, autoGenerateServiceInstanceId: false))
                .AddMeter(ForwarderMetrics.MeterName)
                .AddPrometheusHttpListener(l =>
                {
                    l.Host = o.MetricsHost;
                    l.Port = o.MetricsPort;
                    l.ScrapeEndpointPath = "/metrics";
                })
                .Build();
        }
        catch (InvalidOperationException ex)
        {
            logger.MetricsPortUnavailable(o.MetricsHost, o.MetricsPort, ex.InnerException?.Message ?? ex.Message);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _provider?.Dispose();
        _provider = null;
    }
}
