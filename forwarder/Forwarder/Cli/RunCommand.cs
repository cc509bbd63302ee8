using System.CommandLine;
using Forwarder.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Forwarder.Cli;

/// <summary><c>forwarder run</c>: the agent, until SIGTERM / Ctrl-C / service stop.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var link = new LinkOptions();
        var logFormat = new Option<string>("--log-format")
        {
            Description = "Console log format: text or json (env FORWARDER_LOG_FORMAT)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FORWARDER_LOG_FORMAT") ?? "text",
        };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var command = new Command("run", "Run the forwarding agent: move messages from the source queues to the target broker, acknowledging each only after the target stored it.");
        link.AddTo(command);
        command.Options.Add(logFormat);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = link.Loader(parse);
            var (options, errors) = settings.Load();
            // The option accepts only these; the variable behind its default must not fall back to text unnoticed.
            if (parse.GetValue(logFormat) is not ("text" or "json") and var format)
            {
                errors = [.. errors, $"FORWARDER_LOG_FORMAT: '{format}' is not text or json"];
            }

            if (errors.Count > 0)
            {
                return LinkOptions.ReportErrors(parse.InvocationConfiguration.Error, errors);
            }

            using var host = ForwarderHost.Build(settings, options, parse.GetValue(logFormat) == "json");
            return await RunAsync(host, parse.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    /// <summary>Runs <paramref name="host"/> until it stops; the exit code says whether a failure stopped it.</summary>
    internal static async Task<int> RunAsync(IHost host, TextWriter error, CancellationToken cancellationToken)
    {
        var fatalError = host.Services.GetRequiredService<FatalError>();
        // Not RunAsync: it disposes the host, whose services and logger tell and log why it stopped.
        await host.StartAsync(cancellationToken);
        await host.WaitForShutdownAsync(cancellationToken);
        if (fatalError.Message is { } fatal)
        {
            await error.WriteLineAsync($"forwarder: {fatal}");
            return ExitCodes.Configuration;
        }

        if (HostFailure.Find(host.Services) is { } failure)
        {
            host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Forwarder").StoppedByFailure(failure.Service, ExitCodes.Failure, failure.Error);
            await error.WriteLineAsync($"forwarder: {failure.Service} failed: {failure.Error.Message}");
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }
}
