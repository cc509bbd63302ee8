using System.Globalization;
using Functions.Bench;
using Harness;

// usage: Functions.Bench --aot PATH/bootstrap --jit PATH/bootstrap --event FILE [--runs N] [--messages N]
if (CommandLineArguments.Read(Arguments.Command, args, Arguments.Read, out var exitCode) is not { } arguments)
{
    return exitCode;
}

var invariant = CultureInfo.InvariantCulture;

var load = await Load.ReadAsync();
var batch = await BatchBenchmark.RunAsync(arguments.Messages, warmups: 5, runs: arguments.Runs);
var idempotency = await IdempotencyBenchmark.RunAsync(10, warmups: 3, runs: arguments.Runs);

var payload = await File.ReadAllBytesAsync(arguments.EventFile);
var aot = new List<ColdStartBenchmark.Sample>();
var jit = new List<ColdStartBenchmark.Sample>();
for (var i = 0; i < arguments.Runs; i++)
{
    // Alternate, so that a noisy neighbour on the shared cores hurts both builds alike.
    aot.Add(await ColdStartBenchmark.RunOnceAsync(arguments.Aot, payload));
    jit.Add(await ColdStartBenchmark.RunOnceAsync(arguments.Jit, payload));
}

var aotCold = BatchBenchmark.Median([.. aot.Select(s => s.ColdMs)]);
var jitCold = BatchBenchmark.Median([.. jit.Select(s => s.ColdMs)]);
string F(double value) => value.ToString("0.0#", invariant);
string Runs(IEnumerable<double> values) => string.Join(' ', values.Select(v => v.ToString("0.0", invariant)));
string Spread(IReadOnlyList<double> values) => $"{values.Min().ToString("0.00", invariant)}–{values.Max().ToString("0.00", invariant)}";
var overBaseline = BatchBenchmark.Median(batch.OverBaseline);

var loadAfter = await Load.ReadAsync();
Console.WriteLine($"Functions benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {arguments.Runs} measured runs each, load average {load} -> {loadAfter}");
Console.WriteLine();
Console.WriteLine("| Measurement | Result | Target |");
Console.WriteLine("|---|---|---|");
Console.WriteLine($"| 10k-message aws:mq event | {arguments.Messages:N0} messages, {batch.JsonBytes:N0} bytes of JSON | ≈ 6 MB |");
Console.WriteLine($"| deserialize + decode + dispatch (no-op handler), warm store, median | {F(batch.MedianMs)} ms (runs: {Runs(batch.Milliseconds)}) | < 50 ms |");
Console.WriteLine($"| allocated / event JSON bytes, median | {F(batch.AllocRatio)} ({batch.MedianAllocated:N0} bytes) | < 3 |");
Console.WriteLine($"| of which deserializing the event model alone: time, alloc ratio | {F(batch.DeserializeMedianMs)} ms, {F(batch.DeserializeAllocRatio)} | |");
Console.WriteLine($"| baseline: System.Text.Json (source-generated) into a minimal record (id, base64 body), same bytes, median | {F(batch.BaselineMedianMs)} ms (runs: {Runs(batch.BaselineMilliseconds)}) | |");
Console.WriteLine($"| batch / baseline, median of {batch.OverBaseline.Count} interleaved pairs (min–max) | {overBaseline.ToString("0.00", invariant)} ({Spread(batch.OverBaseline)}) | ≤ 2.0 |");
Console.WriteLine($"| an environment's first invocation (a fresh store) / baseline, median (min–max), for information | {BatchBenchmark.Median(batch.FreshStoreOverBaseline).ToString("0.00", invariant)} ({Spread(batch.FreshStoreOverBaseline)}), {F(BatchBenchmark.Median(batch.FreshStoreMilliseconds))} ms | |");
Console.WriteLine($"| minor page faults during the timed batch / baseline, median (memory touched afresh) | {BatchBenchmark.Median([.. batch.PageFaults.Select(f => (double)f)]):0} / {BatchBenchmark.Median([.. batch.BaselinePageFaults.Select(f => (double)f)]):0} | |");
Console.WriteLine($"| batch of 10, in-memory idempotency store, median | {F(BatchBenchmark.Median(idempotency.InMemoryMs))} ms (runs: {Runs(idempotency.InMemoryMs)}) | |");
Console.WriteLine($"| batch of 10, store answering in {IdempotencyBenchmark.RoundTrip.TotalMilliseconds:0} ms, median | {F(BatchBenchmark.Median(idempotency.DelayedMs))} ms (runs: {Runs(idempotency.DelayedMs)}) | |");
Console.WriteLine($"| store round trips the batch of 10 waited for one after the other, most of {idempotency.InMemoryMs.Count} runs ({idempotency.Calls} calls, at most {idempotency.MaxInFlight} at once) | {idempotency.MaxRoundTrips} | ≤ 2 |");
Console.WriteLine($"| cold start AOT (process start → first response), median | {F(aotCold)} ms (runs: {Runs(aot.Select(s => s.ColdMs))}) | |");
Console.WriteLine($"| cold start JIT (process start → first response), median | {F(jitCold)} ms (runs: {Runs(jit.Select(s => s.ColdMs))}) | |");
Console.WriteLine($"| cold start JIT / AOT | {F(jitCold / aotCold)} | ≥ 3 |");
Console.WriteLine($"| warm invoke AOT / JIT, median | {F(BatchBenchmark.Median([.. aot.Select(s => s.WarmMs)]))} ms / {F(BatchBenchmark.Median([.. jit.Select(s => s.WarmMs)]))} ms | |");
Console.WriteLine();
Console.WriteLine($"RESULT batch10k_ms={F(batch.MedianMs)} alloc_ratio={F(batch.AllocRatio)} coldstart_jit_over_aot={F(jitCold / aotCold)} " +
    $"batch_over_baseline={overBaseline.ToString("0.00", invariant)} idempotency_round_trips={idempotency.MaxRoundTrips}");
return 0;
