using Forwarder.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forwarder.Operations;

/// <summary>Logs the effective configuration once at start, before the worker connects: what an operator checks first.</summary>
internal sealed class StartupReport(IOptions<ForwarderOptions> options, ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.EffectiveConfiguration(EffectiveConfiguration.Describe(options.Value));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
