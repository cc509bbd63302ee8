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
        var (code, error, logs) = await RunAsync<Throwing>();

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("forwarder: Throwing failed: statistics went wrong", error, StringComparison.Ordinal);
        var logged = Assert.Single(logs, r => r.Id.Id == 403);
        Assert.Equal(LogLevel.Critical, logged.Level);
        Assert.Equal("Throwing failed and stopped the agent; exiting with code 1", logged.Message);
    }

    [Fact]
    public async Task RunAsync_StoppedWithoutFailure_ExitsOk()
    {
        var (code, error, _) = await RunAsync<Stopping>();

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Empty(error);
    }

    /// <summary>Runs a host with only <typeparamref name="TService"/> through the CLI's run loop.</summary>
    private static async Task<(int Code, string Error, IReadOnlyList<FakeLogRecord> Logs)> RunAsync<TService>()
        where TService : class, IHostedService
    {
        using var logs = new FakeLoggerProvider();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton<FatalError>();
        builder.Services.AddHostedService<TService>();
        using var host = builder.Build();
        using var error = new StringWriter();

        var code = await RunCommand.RunAsync(host, error, TestContext.Current.CancellationToken);

        return (code, error.ToString(), logs.Collector.GetSnapshot());
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
