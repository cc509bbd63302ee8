using Harness.ActiveMq;

namespace LocalPipeline;

/// <summary>What one pipeline run does. Parsed from the command line by <see cref="PipelineArguments"/>.</summary>
internal sealed record PipelineOptions
{
    /// <summary>The repository root: scripts/ and local/producer/ are found from here.</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>The published function (scripts/publish-functions.sh).</summary>
    public required string BootstrapPath { get; init; }

    /// <summary>Sample messages the legacy producer sends (default 20).</summary>
    public int Messages { get; init; } = 20;

    /// <summary>Every n-th message is poison (default 10; 0 = none).</summary>
    public int PoisonEvery { get; init; } = 10;

    /// <summary>Every n-th message claims to have looped (<c>fwd_hops=99</c>), so the forwarder parks it (default 0 = none).</summary>
    public int LoopEvery { get; init; }

    /// <summary>Every n-th message is non-persistent (default 4; 0 = all persistent).</summary>
    public int NonPersistentEvery { get; init; } = 4;

    /// <summary>The producer connects through ActiveMQ's failover transport, so its sends wait out an on-prem broker restart.</summary>
    public bool ProducerFailover { get; init; }

    /// <summary>How the on-prem broker runs (e.g. Debian's stock configuration and classpath).</summary>
    public BrokerOptions OnPremBroker { get; init; } = new();

    /// <summary>How the cloud broker runs beyond template.yaml's destination policy (e.g. users and authorization).</summary>
    public BrokerOptions CloudBroker { get; init; } = new();

    public string Queue { get; init; } = "orders";

    /// <summary>More legacy producer options (e.g. <c>--property NAME=VALUE</c>), after the ones this run sets.</summary>
    public IReadOnlyList<string> ProducerArguments { get; init; } = [];

    /// <summary>More forwarder options (e.g. <c>--include</c>/<c>--exclude</c>, <c>--max-message-bytes</c>), after the ones this run sets.</summary>
    public IReadOnlyList<string> ForwarderArguments { get; init; } = [];

    /// <summary><c>_HANDLER</c>: <c>orders</c> (default) or <c>echo</c>.</summary>
    public string Handler { get; init; } = "orders";

    public int BatchSize { get; init; } = 10;

    public TimeSpan BatchingWindow { get; init; } = TimeSpan.FromMilliseconds(500);

    public int Concurrency { get; init; } = 2;

    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Stop waiting once nothing has changed for this long after the last message was sent.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Keep everything up after the run, until Ctrl-C, so a user can send their own messages.</summary>
    public bool KeepRunning { get; init; }

    /// <summary>Non-interactive: plain progress lines instead of a redrawn status line.</summary>
    public bool Exit { get; init; }

    /// <summary>
    /// The function's <c>DEAD_LETTER_QUEUE_URL</c>; null (the default) uses the queue created in moto. Pointing it
    /// somewhere unreachable shows what happens when SQS is down: batches fail and end in the broker's DLQ.
    /// </summary>
    public string? DeadLetterQueueUrl { get; init; }

    /// <summary>
    /// A DynamoDB table (in moto) for the function's idempotency keys, <c>IDEMPOTENCY_TABLE</c>, shared by every
    /// execution environment as in AWS; null (the default) keeps the keys in each environment's memory.
    /// </summary>
    public string? IdempotencyTable { get; init; }

    /// <summary>Where brokers, logs and moto live; a new temp folder when null.</summary>
    public string? WorkDirectory { get; init; }

    public void Validate()
    {
        if (Messages < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Messages), Messages, "--messages must be 0 or more");
        }

        if (!File.Exists(BootstrapPath))
        {
            throw new FileNotFoundException($"bootstrap '{BootstrapPath}' not found: run scripts/publish-functions.sh first (scripts/pipeline.sh does)", BootstrapPath);
        }

        if (!File.Exists(Path.Combine(RepositoryRoot, "scripts", "broker.sh")))
        {
            throw new DirectoryNotFoundException($"'{RepositoryRoot}' is not the repository root (no scripts/broker.sh)");
        }
    }
}
