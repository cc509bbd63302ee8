using System.Runtime.InteropServices;
using LocalChaos;
using LocalChaos.Cases;
using LocalChaos.Reporting;

// scripts/chaos.sh runs this; see ChaosArguments for the options.
if (CommandLineArguments.Read(ChaosArguments.Command, args, ChaosArguments.Read, out var exitCode) is not { } options)
{
    return exitCode;
}

var cases = CaseCatalog.Select(options.Cases, options.Quick);
if (options.ListOnly)
{
    foreach (var c in CaseCatalog.All)
    {
        Console.WriteLine($"{c.Name,-22} {(c.InQuick ? "quick+full" : "full")}  {c.Fault}");
    }

    return 0;
}

using var stop = new CancellationTokenSource();
// Ctrl-C and SIGTERM stop the running case cleanly (its brokers, agent and bootstrap are stopped by the pipeline).
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "mq-chaos", $"{DateTimeOffset.UtcNow:HHmmss}-{Guid.NewGuid():N}"[..15]);
Directory.CreateDirectory(work);
Console.WriteLine($"chaos: {cases.Count} case(s), {(options.Quick ? "quick" : "full")} run; logs and broker data under {work}");
var outcomes = new List<CaseOutcome>();
try
{
    foreach (var chaosCase in cases)
    {
        var outcome = await new CaseRunner(options, work, Console.Out).RunAsync(chaosCase, stop.Token);
        outcomes.Add(outcome);
        Console.WriteLine($"── case {outcome.Case}: {(outcome.Failed ? "FAIL" : "pass")} ({outcome.WorkDirectory}) ──");
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.WriteLine("chaos: stopped before every case ran");
}

foreach (var line in ChaosTable.Lines(outcomes))
{
    Console.WriteLine(line);
}

Console.WriteLine(ChaosTable.ResultLine(outcomes));
return outcomes.Count == cases.Count && outcomes.All(o => !o.Failed) ? 0 : 1;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
