using System.Globalization;
using LocalEventSource.Invocation;

namespace LocalPipeline.Run;

/// <summary>
/// The STOMP forwarder agent onprem → cloud (scripts/forwarder.sh run), with its metrics port on a free loopback
/// port: ready once its <c>/health</c> says both brokers are connected. Without scripts/forwarder.sh in this
/// checkout, the onprem broker's network connector forwards instead and this stage only says so.
/// </summary>
/// <param name="target">The cloud broker's STOMP URI as the agent reaches it (asked for when it starts).</param>
internal sealed class ForwarderStage(PipelineRun run, BrokerStage onprem, Func<Uri> target) : IPipelineStage
{
    // The first run of scripts/forwarder.sh builds the agent, which takes a while.
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(180);

    private readonly string _script = Script(run.Options);
    private ChildProcess? _process;
    private TextWriter? _log;
    private ForwarderProbe? _probe;
    private IReadOnlyList<string>? _arguments;

    public string Name => "forwarder";

    /// <summary>False when this checkout has no scripts/forwarder.sh: the onprem broker must bridge with a network connector.</summary>
    public bool IsAvailable => File.Exists(_script);

    /// <summary>Whether the agent is there to forward (before the stage exists: the onprem broker depends on it).</summary>
    public static bool IsAvailableFor(PipelineOptions options) => File.Exists(Script(options));

    /// <summary>What forwards onprem → cloud, for the summary.</summary>
    public string Kind => IsAvailable ? "STOMP forwarder" : "ActiveMQ network connector (no scripts/forwarder.sh)";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsAvailable)
        {
            run.View.Step("scripts/forwarder.sh not found: onprem → cloud through ActiveMQ's network connector instead");
            return;
        }

        run.View.Step("starting the forwarder onprem → cloud over STOMP…");
        var port = FreePort.Loopback();
        _log = run.OpenLog("forwarder.log");
        _probe = new ForwarderProbe(port);
        _arguments = ["run", "--source", onprem.Broker.StompUri.ToString(), "--target", target().ToString(), "--include", run.Options.Queue,
            "--name", "local-pipeline", "--metrics-port", port.ToString(CultureInfo.InvariantCulture), .. run.Options.ForwarderArguments];
        await LaunchAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SIGKILL, by the pid this stage started: a crash of the agent host, with messages in flight.</summary>
    public async Task CrashAsync(CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            _process.Kill();
            await _process.DisposeAsync().ConfigureAwait(false);
            _process = null;
            await _log!.WriteLineAsync("── forwarder killed (SIGKILL) ──").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts the agent again with the same arguments (after <see cref="CrashAsync"/>) as its systemd unit does
    /// (<c>Restart=always</c>, <c>RestartSec=5</c>): a start that exits is tried again 5 s later, 3 times in all.
    /// </summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; _process is null && _arguments is not null; attempt++)
        {
            try
            {
                await LaunchAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex) when (attempt < 3)
            {
                run.View.Step($"  {ex.Message}; starting it again in 5 s, as systemd would");
                await _process!.DisposeAsync().ConfigureAwait(false);
                _process = null;
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        _process = ChildProcess.Start(_script, _arguments!, new Dictionary<string, string?>(), _log!.WriteLine, run.Options.RepositoryRoot);
        await WaitUntilHealthyAsync(_process, _probe!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Messages the agent parked since it started, from its <c>/metrics</c>; null without the agent or when its
    /// metrics cannot be read.
    /// </summary>
    public Task<long?> ParkedTotalAsync(CancellationToken cancellationToken) =>
        _probe?.ParkedTotalAsync(cancellationToken) ?? Task.FromResult<long?>(null);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            run.View.Step($"stopping {Name}…");
            // A stop runs to the end even when the run was cancelled: the agent must not outlive the pipeline.
            await _process.StopAsync(TimeSpan.FromSeconds(15), CancellationToken.None).ConfigureAwait(false);
            await _process.DisposeAsync().ConfigureAwait(false);
        }

        if (_log is not null)
        {
            await _log.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task WaitUntilHealthyAsync(ChildProcess process, ForwarderProbe probe, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ConnectTimeout);
        try
        {
            while (!await probe.IsHealthyAsync(deadline.Token).ConfigureAwait(false))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"the forwarder exited with code {process.ExitCode} before connecting; see {run.WorkFile("forwarder.log")}");
                }

                await Task.Delay(250, deadline.Token).ConfigureAwait(false);
            }

            run.View.Step("  forwarder connected to both brokers");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            run.View.Step($"  the forwarder's /health did not report both brokers connected within {ConnectTimeout.TotalSeconds:0} s; sending anyway (see {run.WorkFile("forwarder.log")})");
        }
    }

    private static string Script(PipelineOptions options) => Path.Combine(options.RepositoryRoot, "scripts", "forwarder.sh");
}
