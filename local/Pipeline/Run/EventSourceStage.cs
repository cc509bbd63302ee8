using System.Runtime.ExceptionServices;
using LocalEventSource;
using LocalEventSource.Batching;
using LocalEventSource.Invocation;
using LocalEventSource.Polling;
using LocalPipeline.Stages;
using Microsoft.Extensions.Logging;

namespace LocalPipeline.Run;

/// <summary>
/// The local event source on the cloud broker's queue, invoking the real bootstrap with the variables Lambda sets,
/// JSON logs (as the function is configured in AWS) and moto as its SQS endpoint; reports to the run's tracker.
/// </summary>
/// <param name="moreEnvironment">More function variables, given moto's endpoint (asked for when it starts).</param>
internal sealed class EventSourceStage(PipelineRun run, BrokerStage cloud, MotoStage moto, Func<Uri, IReadOnlyDictionary<string, string>> moreEnvironment) : IPipelineStage
{
    private readonly List<ExecutionEnvironment> _environments = [];
    private string _handler = run.Options.Handler;
    private string? _deadLetterQueueUrl = run.Options.DeadLetterQueueUrl;
    private CancellationTokenSource? _stop;
    private Task? _mapping;

    public string Name => "event source";

    /// <summary>The event source ended with an error: nothing more will be invoked.</summary>
    public bool HasFailed => _mapping is { IsFaulted: true };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = run.Options;
        run.View.Step($"starting the event source: queue '{o.Queue}', batch {o.BatchSize}, window {o.BatchingWindow.TotalSeconds:0.###} s, {o.Concurrency} poller(s), handler '{_handler}'…");
        var function = Function();
        function.Validate();
        var mapping = new EventSourceMapping(
            new EventSourceOptions
            {
                Broker = cloud.Broker.StompUri,
                Queue = o.Queue,
                Batching = new BatchingOptions(o.BatchSize, o.BatchingWindow, BatchingOptions.SixMegabytes),
                Concurrency = o.Concurrency,
            },
            i => Remember(new ExecutionEnvironment(i, function, line => run.Tracker.FunctionOutput(i, line), run.Loggers.CreateLogger<ExecutionEnvironment>())),
            run.Tracker,
            run.Time,
            run.Loggers);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _mapping = mapping.RunAsync(_stop.Token);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A deployment of the function, e.g. of a fix: the mapping stops (its execution environments end with it) and
    /// starts again with new environments (cold starts) running <paramref name="handler"/> with
    /// <paramref name="deadLetterQueueUrl"/> (null: the queue in moto). Messages wait on the broker meanwhile; those
    /// of a batch in flight are redelivered.
    /// </summary>
    public async Task RedeployAsync(string handler, string? deadLetterQueueUrl, CancellationToken cancellationToken)
    {
        await StopAsync(cancellationToken).ConfigureAwait(false);
        lock (_environments)
        {
            _environments.Clear();
        }

        run.View.Step($"deploying the function again with handler '{handler}'…");
        (_handler, _deadLetterQueueUrl) = (handler, deadLetterQueueUrl);
        await StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SIGKILL to every running bootstrap (by the pid its environment started): a crash mid-batch. Returns how many.</summary>
    public int CrashFunctions()
    {
        lock (_environments)
        {
            return _environments.Count(e => e.Crash());
        }
    }

    /// <summary>Throws what ended the event source, if it failed (a broker it could not reach, a bootstrap that would not start).</summary>
    public void ThrowIfFailed()
    {
        if (_mapping is { IsFaulted: true })
        {
            ExceptionDispatchInfo.Throw(_mapping.Exception!.GetBaseException());
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stop is null || _mapping is null)
        {
            return;
        }

        run.View.Step($"stopping {Name}…");
        await _stop.CancelAsync().ConfigureAwait(false);
#pragma warning disable VSTHRD003 // started by StartAsync; no synchronization context here.
        await _mapping.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
#pragma warning restore VSTHRD003
        _stop.Dispose();
        (_stop, _mapping) = (null, null);
    }

    private ExecutionEnvironment Remember(ExecutionEnvironment environment)
    {
        lock (_environments)
        {
            _environments.Add(environment);
        }

        return environment;
    }

    private FunctionOptions Function()
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = Moto.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = Moto.SecretKey,
            ["AWS_ENDPOINT_URL"] = moto.Moto.Endpoint.ToString().TrimEnd('/'),
            ["DEAD_LETTER_QUEUE_URL"] = _deadLetterQueueUrl ?? moto.Moto.DeadLetterQueueUrl,
            // One JSON record per log line, with its event id and fields: what the tracker reads.
            ["AWS_LAMBDA_LOG_FORMAT"] = "JSON",
        };
        if (run.Options.IdempotencyTable is { } table)
        {
            environment["IDEMPOTENCY_TABLE"] = table;
        }

        foreach (var (name, value) in moreEnvironment(moto.Moto.Endpoint))
        {
            environment[name] = value;
        }

        return new()
        {
            BootstrapPath = run.Options.BootstrapPath,
            Handler = _handler,
            FunctionName = "local-" + _handler,
            Timeout = run.Options.FunctionTimeout,
            Region = Moto.Region,
            Environment = environment,
        };
    }
}
