using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Forwarder.Tests.Cli;

public sealed class RunCommandTests
{
    [Fact]
    public async Task RunAsync_BackgroundServiceThrows_ExitsWithFailureAndLogsIt()
    {
        using var logs = new FakeLoggerProvider();
        using var host = Host(logs, services => services.AddHostedService<Throwing>());
        using var error = new StringWriter();

        var code = await RunCommand.RunAsync(host, error, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("forwarder: Throwing failed: statistics went wrong", error.ToString(), StringComparison.Ordinal);
        var logged = Assert.Single(logs.Collector.GetSnapshot(), r => r.Id.Id == 403);
        Assert.Equal(LogLevel.Critical, logged.Level);
        Assert.Equal("Throwing failed and stopped the agent; exiting with code 1", logged.Message);
    }

    [Fact]
    public async Task RunAsync_StoppedWithoutFailure_ExitsOk()
    {
        using var logs = new FakeLoggerProvider();
        using var host = Host(logs, services => services.AddHostedService<Stopping>());
        using var error = new StringWriter();

        var code = await RunCommand.RunAsync(host, error, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Empty(error.ToString());
    }

    private static IHost Host(FakeLoggerProvider logs, Action<IServiceCollection> services)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton<FatalError>();
        services(builder.Services);
        return builder.Build();
    }

    private sealed class Throwing : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw new InvalidOperationException("statistics went wrong");
        }
    }

    private sealed class Stopping(IHostApplicationLifetime lifetime) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken)
        {
            lifetime.StopApplication();
            return Task.CompletedTask;
        }
    }
}
