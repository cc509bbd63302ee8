using Harness;
using LocalEventSource;
using LocalEventSource.Invocation;
using LocalEventSource.Polling;
using Microsoft.Extensions.Logging;

// The local event source on its own: consume a queue and invoke the bootstrap, until Ctrl-C or SIGTERM.
// scripts/pipeline.sh runs the same classes inside the pipeline; this entry point is for a broker you run yourself.
if (CommandLineArguments.Read(EventSourceArguments.Command, args, EventSourceArguments.ReadValid, out var exitCode) is not { } parsed)
{
    return exitCode;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

using var loggers = new TextWriterLoggerFactory(Console.Out, LogLevel.Information);
var observer = new ConsoleObserver(Console.Out);
var mapping = new EventSourceMapping(
    parsed.Mapping,
    i => new ExecutionEnvironment(i, parsed.Function, line => observer.FunctionOutput(i, line), loggers.CreateLogger<ExecutionEnvironment>()),
    observer,
    TimeProvider.System,
    loggers);
await mapping.RunAsync(stop.Token);
return 0;
