using System.Diagnostics;
using Harness;
using LocalRuntime;

namespace Functions.Bench;

/// <summary>
/// Cold start of a bootstrap build: from starting the process until its first response is posted to a local
/// Runtime API that already holds the invocation — what Lambda's init + first invoke cost. Then one warm invoke.
/// </summary>
internal static class ColdStartBenchmark
{
    public sealed record Sample(double ColdMs, double WarmMs);

    public static async Task<Sample> RunOnceAsync(string executable, byte[] payload)
    {
        await using var server = await LocalRuntimeServer.StartAsync();
        var options = new InvocationOptions { Timeout = TimeSpan.FromSeconds(60) };
        var first = server.InvokeAsync(payload, options);
        var watch = Stopwatch.StartNew();
        await using var process = BootstrapProcess.Start(executable, new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = server.RuntimeApiAddress,
            ["AWS_LAMBDA_FUNCTION_NAME"] = "bench",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "bench",
            ["AWS_SECRET_ACCESS_KEY"] = "bench",
            ["_HANDLER"] = "bootstrap",
            // Never called: the sample orders are valid, so nothing is dead-lettered.
            ["DEAD_LETTER_QUEUE_URL"] = "https://sqs.us-east-1.amazonaws.com/111122223333/bench-dead-letters",
        });
        var cold = await first;
        watch.Stop();
        Check(cold, executable, process);
        var warm = await server.InvokeAsync(payload, options);
        Check(warm, executable, process);
        return new Sample(watch.Elapsed.TotalMilliseconds, warm.Duration.TotalMilliseconds);
    }

    private static void Check(InvocationResult result, string executable, BootstrapProcess process)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"{executable}: invocation {result.Status} {result.Error?.ErrorType} {result.Error?.ErrorMessage}\n{process.Output}");
        }
    }
}
