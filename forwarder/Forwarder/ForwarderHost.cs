using Forwarder.Bridge;
using Forwarder.Cli;
using Forwarder.Configuration;
using Forwarder.Operations;
using Forwarder.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Forwarder;

/// <summary>The agent as a Generic Host: worker, metrics, health, systemd/Windows service integration.</summary>
internal static class ForwarderHost
{
    /// <param name="settings">Where the configuration comes from; the host reads its <c>Logging</c> section.</param>
    /// <param name="resolved">The options <paramref name="settings"/> loaded and validated.</param>
    /// <param name="jsonLogs">One JSON object per log line instead of text.</param>
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
        if (jsonLogs)
        {
            // Under systemd, AddSystemd switches the console to its own text formatter; asked-for JSON stays JSON.
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Json);
        }

        builder.Services.AddWindowsService(o => o.ServiceName = "mq-forwarder");
        // Draining needs its time before the host gives up on the worker.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = resolved.DrainTimeout + TimeSpan.FromSeconds(10));

        // Bound and validated once, by SettingsLoader.Load, before the host is built.
        builder.Services.AddSingleton(Options.Create(resolved));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ForwarderMetrics>();
        builder.Services.AddSingleton<FatalError>();
        builder.Services.AddSingleton(sp => new MessageMapper(resolved, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IBrokerConnector, StompBrokerConnector>();
        builder.Services.AddHostedService<StartupReport>();
        builder.Services.AddHostedService<ForwardingWorker>();

        if (resolved.MetricsPort > 0)
        {
            builder.Services.AddHostedService<HealthEndpoint>();
            builder.Services.AddHostedService<BacklogMonitor>();
            builder.Services.AddHostedService<PrometheusEndpoint>();
        }

        return builder.Build();
    }
}
