namespace LocalPipeline.Stages;

/// <summary>The legacy JMS producer (local/producer), sending over OpenWire as the on-prem systems do.</summary>
internal static class Producer
{
    /// <summary>Runs local/producer/producer.sh to the end; each output line goes to <paramref name="onLine"/>.</summary>
    public static async Task RunAsync(string repositoryRoot, Uri openWire, string queue, int count, int poisonEvery, int loopEvery, string runId, Action<string> onLine, CancellationToken cancellationToken)
    {
        var script = Path.Combine(repositoryRoot, "local", "producer", "producer.sh");
        var process = ChildProcess.Start(script,
            ["--url", openWire.ToString().TrimEnd('/'), "--queue", queue, "--count", Invariant(count), "--poison-every", Invariant(poisonEvery), "--loop-every", Invariant(loopEvery), "--run", runId],
            new Dictionary<string, string?>(), onLine);
        await using (process.ConfigureAwait(false))
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"the legacy producer failed (exit {process.ExitCode}); its output is in the pipeline log");
            }
        }
    }

    private static string Invariant(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
