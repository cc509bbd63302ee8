namespace LocalPipeline.Stages;

/// <summary>The legacy JMS producer (local/producer), sending over OpenWire as the on-prem systems do.</summary>
internal static class Producer
{
    /// <summary>Runs local/producer/producer.sh to the end; each output line goes to <paramref name="onLine"/>.</summary>
    public static async Task RunAsync(PipelineOptions options, Uri openWire, string runId, Action<string> onLine, CancellationToken cancellationToken)
    {
        var script = Path.Combine(options.RepositoryRoot, "local", "producer", "producer.sh");
        var url = openWire.ToString().TrimEnd('/');
        // ActiveMQ's failover transport: sends wait while the broker restarts, as a legacy producer configured for it does.
        var process = ChildProcess.Start(script,
            ["--url", options.ProducerFailover ? $"failover:({url})?initialReconnectDelay=200&maxReconnectDelay=2000" : url, "--queue", options.Queue,
                "--count", Invariant(options.Messages), "--poison-every", Invariant(options.PoisonEvery), "--loop-every", Invariant(options.LoopEvery),
                "--non-persistent-every", Invariant(options.NonPersistentEvery), "--run", runId, .. options.ProducerArguments],
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
