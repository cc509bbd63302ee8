using Forwarder.Bridge;
using Forwarder.Cli;
using Forwarder.Configuration;
using Forwarder.Operations;
using Forwarder.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Forwarder;

/// <summary>The agent as a Generic Host: worker, metrics, health, systemd/Windows service integration.</summary>
internal static class ForwarderHost
{
    public static IHost Build(SettingsLoader settings, ForwarderOptions resolved, bool jsonLogs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(settings.BuildConfiguration());

        builder.Logging.ClearProviders();
        if (jsonLogs)
        {
            builder.Logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ");
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            });
        }

        builder.Services.AddSystemd();
        builder.Services.AddWindowsService(o => o.ServiceName = "mq-forwarder");
        // Draining needs its time before the host gives up on the worker.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = resolved.DrainTimeout + TimeSpan.FromSeconds(10));

        builder.Services.AddOptions<ForwarderOptions>()
            .Bind(builder.Configuration.GetSection(ForwarderOptions.SectionName))
            .PostConfigure(settings.Apply)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ForwarderOptions>, ForwarderOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ForwarderMetrics>();
        builder.Services.AddSingleton<FatalError>();
        builder.Services.AddSingleton(sp => new MessageMapper(sp.GetRequiredService<IOptions<ForwarderOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IBrokerConnector, StompBrokerConnector>();
        builder.Services.AddHostedService<ForwardingWorker>();

        if (resolved.MetricsPort > 0)
        {
            builder.Services.AddHostedService<HealthEndpoint>();
            builder.Services.AddHostedService<BacklogMonitor>();
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(ForwarderMetrics.MeterName)
                .AddPrometheusHttpListener(o =>
                {
                    o.Host = resolved.MetricsHost;
                    o.Port = resolved.MetricsPort;
                    o.ScrapeEndpointPath = "/metrics";
                }));
        }

        return builder.Build();
    }
}
