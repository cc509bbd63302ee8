using System.Runtime.InteropServices;
using LocalEventSource;
using LocalPipeline;

// scripts/pipeline.sh runs this; see PipelineArguments for the options.
if (CommandLineArguments.Read(PipelineArguments.Command, args, PipelineArguments.Read, out var exitCode) is not { } options)
{
    return exitCode;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C stops everything cleanly; a second one kills the process as usual.
    if (!stop.IsCancellationRequested)
    {
        e.Cancel = true;
        stop.Cancel();
    }
};

// systemd, CI and `kill` send SIGTERM: stop as cleanly as for Ctrl-C (brokers run detached and must be stopped).
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

try
{
    var result = await new PipelineRunner(options, Console.Out).RunAsync(stop.Token);
    foreach (var line in result.Summary())
    {
        Console.WriteLine(line);
    }

    Console.WriteLine(result.ResultLine);
    return result.Counts.Lost == 0 ? 0 : 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.WriteLine("pipeline: stopped before the run completed");
    return 130;
}
catch (Exception ex) when (ex is InvalidOperationException or IOException or ArgumentException or Stomp.StompException)
{
    await Console.Error.WriteLineAsync($"pipeline: {ex.Message}");
    return 1;
}
