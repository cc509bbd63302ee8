using System.Globalization;
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
/// provider is built and throws when the port is not free; built here, that is a warning instead of a host that
/// fails to start, because metrics must never stop forwarding, and the build is tried again until the port is free.
/// </summary>
internal sealed class PrometheusEndpoint(IOptions<ForwarderOptions> options, ILogger<PrometheusEndpoint> logger) : BackgroundService
{
    public const string ServiceName = "mq-forwarder";

    private MeterProvider? _provider;

    /// <summary>The first try runs as the host starts; a port that is not free yet is tried again (<see cref="EndpointBinding"/>).</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        return EndpointBinding.StartAsync(
            TryStart,
            error => logger.MetricsPortUnavailable(o.MetricsHost, o.MetricsPort, EndpointBinding.RetryInterval, error),
            () => logger.EndpointStartedLate(string.Create(CultureInfo.InvariantCulture, $"http://{o.MetricsHost}:{o.MetricsPort}/metrics")),
            stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        DisposeProvider();
    }

    public override void Dispose()
    {
        DisposeProvider();
        base.Dispose();
    }

    /// <returns>null when started; else why not.</returns>
    private string? TryStart()
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
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return ex.InnerException?.Message ?? ex.Message;
        }
    }

    private void DisposeProvider()
    {
        _provider?.Dispose();
        _provider = null;
    }
}
