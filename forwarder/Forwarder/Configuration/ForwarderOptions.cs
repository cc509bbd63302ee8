namespace Forwarder.Configuration;

/// <summary>
/// The forwarding link, in ActiveMQ's <c>networkConnector</c> vocabulary, bound once at start from the
/// <c>Forwarder</c> section (appsettings.json, <c>FORWARDER__*</c> environment variables), the short
/// <c>FORWARDER_*</c> variables and the command line, then validated by <see cref="ForwarderOptionsValidator"/>.
/// Each setting is described in ONE place, its <see cref="SettingAttribute"/> (meaning, command-line option, short
/// variable); its default is its initial value here; its single-value rules are the attributes next to it. The CLI
/// help is built from these (<see cref="ForwarderSetting"/>), and a test holds forwarder/README.md to them.
/// </summary>
internal sealed class ForwarderOptions
{
    public const string SectionName = "Forwarder";

    /// <summary>Stands for the source queue in <see cref="ParkingQueue"/>.</summary>
    public const string QueuePlaceholder = "{queue}";

    [Setting("Link name, stamped as fwd_link on every forwarded message", Option = "--name", EnvVar = "FORWARDER_NAME")]
    [NotBlank("e.g. 'Q:onprem->amazonmq'")]
    public string Name { get; set; } = "Q:onprem->amazonmq";

    [Setting("On-prem broker: stomp://host:61613 or stomp+ssl://host:61614; required", Option = "--source", EnvVar = "FORWARDER_SOURCE")]
    public string? Source { get; set; }

    [Setting("Target broker: a URI or a static:(a,b) list, in failover order before the entries of Targets")]
    public string? Target { get; set; }

    [Setting(
        "Target broker URI(s), in failover order: one, or two for active/standby (each entry may be a static:(a,b) or masterslave:(a,b) list); required, here or in Target",
        Option = "--target",
        EnvVar = "FORWARDER_TARGET",
        Replaces = nameof(Target))]
    public List<string> Targets { get; set; } = [];

    [Setting("User name on the source broker; anonymous when absent", Option = "--source-user", EnvVar = "FORWARDER_SOURCE_USER")]
    public string? SourceUserName { get; set; }

    [Setting("Password on the source broker; prefer SourcePasswordFile. Never logged, and not taken from the command line (ps shows it)", EnvVar = "FORWARDER_SOURCE_PASSWORD")]
    public string? SourcePassword { get; set; }

    [Setting(
        "File holding the source password (one trailing newline is ignored), read at each connect",
        Option = "--source-password-file",
        EnvVar = "FORWARDER_SOURCE_PASSWORD_FILE",
        Replaces = nameof(SourcePassword))]
    [ExistingFile]
    public string? SourcePasswordFile { get; set; }

    [Setting("User name on the target broker", Option = "--target-user", EnvVar = "FORWARDER_TARGET_USER")]
    public string? TargetUserName { get; set; }

    [Setting("Password on the target broker; prefer TargetPasswordFile. Never logged, and not taken from the command line (ps shows it)", EnvVar = "FORWARDER_TARGET_PASSWORD")]
    public string? TargetPassword { get; set; }

    [Setting(
        "File holding the target password (one trailing newline is ignored), read at each connect",
        Option = "--target-password-file",
        EnvVar = "FORWARDER_TARGET_PASSWORD_FILE",
        Replaces = nameof(TargetPassword))]
    [ExistingFile]
    public string? TargetPasswordFile { get; set; }

    [Setting("networkConnector's duplex; only false: the agent forwards one way (run a second agent for the other direction)")]
    public bool Duplex { get; set; }

    [Setting(
        "Hop limit, as ActiveMQ's networkTTL: a message whose fwd_hops is already at least this is parked instead of forwarded again (loop prevention)",
        Option = "--network-ttl",
        EnvVar = "FORWARDER_NETWORK_TTL")]
    [Minimum(1, Meaning = "the number of forwarding hops a message may take")]
    public int NetworkTtl { get; set; } = 1;

    [Setting(
        "Queue or wildcard to forward ('Orders.>': '*' is one name segment, '>' the rest); queue://X and /queue/X accepted, topics refused; required",
        Option = "--include",
        EnvVar = "FORWARDER_INCLUDE")]
    public List<string> StaticallyIncludedDestinations { get; set; } = [];

    [Setting("Queue or wildcard never forwarded", Option = "--exclude", EnvVar = "FORWARDER_EXCLUDE")]
    public List<string> ExcludedDestinations { get; set; } = [];

    [Setting(
        "One target queue for every forwarded queue, named or found by a wildcard (e.g. the stack's QueueName, the one queue its broker lets the forwarder write); TargetQueueMap entries win over it, it wins over TargetQueuePrefix",
        Option = "--target-queue",
        EnvVar = "FORWARDER_TARGET_QUEUE")]
    public string? TargetQueue { get; set; }

    [Setting("Prefix put in front of the source queue's name to name the target queue, for queues neither TargetQueueMap nor TargetQueue names")]
    public string TargetQueuePrefix { get; set; } = "";

    [Setting(
        "Explicit renames of source queues (exact names), SRC=DST on the command line and in the variable, {\"Orders.A\":\"Cloud.Orders\"} in the configuration; a renamed queue gets neither TargetQueue nor TargetQueuePrefix",
        Option = "--map",
        EnvVar = "FORWARDER_MAP")]
    public Dictionary<string, string> TargetQueueMap { get; set; } = [];

    [Setting("PEM CA certificate(s) for the source broker's TLS certificate; the system trust store when absent", Option = "--source-ca-file", EnvVar = "FORWARDER_SOURCE_CA_FILE")]
    [ExistingFile]
    public string? SourceCaFile { get; set; }

    [Setting("PEM CA certificate(s) for the target broker's TLS certificate; the system trust store when absent", Option = "--target-ca-file", EnvVar = "FORWARDER_TARGET_CA_FILE")]
    [ExistingFile]
    public string? TargetCaFile { get; set; }

    [Setting("Check that a broker's TLS certificate names the host connected to")]
    public bool TlsCheckHostName { get; set; } = true;

    [Setting(
        "Unacknowledged messages the source may dispatch per queue subscription; bounds the agent's memory and leaves room for BatchSize × PipelineDepth",
        Option = "--prefetch",
        EnvVar = "FORWARDER_PREFETCH")]
    [Minimum(1)]
    public int Prefetch { get; set; } = 1000;

    [Setting(
        "Most bytes (body and header lines) of messages received from the source and not yet acknowledged, parked or dead-lettered; at the limit the agent stops reading the source until some settle. One larger message still goes, alone",
        Option = "--in-flight-bytes",
        EnvVar = "FORWARDER_IN_FLIGHT_BYTES")]
    [Minimum(1)]
    public int InFlightBytes { get; set; } = 64 * 1024 * 1024;

    [Setting("Messages per target transaction or receipt window; at most Prefetch", Option = "--batch-size", EnvVar = "FORWARDER_BATCH_SIZE")]
    public int BatchSize { get; set; } = 200;

    [Setting(
        "Most body bytes per target transaction or receipt window; a larger message goes alone. ActiveMQ counts a transaction's uncommitted messages against the destination's memory limit, and a queue nobody consumes keeps up to 70% of that limit cached: a transaction larger than the rest blocks the connection in producer flow control until the watchdog drops it, so keep this under 30% of the target queue's memory limit",
        Option = "--batch-bytes",
        EnvVar = "FORWARDER_BATCH_BYTES")]
    [Minimum(1)]
    public int BatchBytes { get; set; } = 4 * 1024 * 1024;

    [Setting(
        "Batches in flight to the target before the oldest is confirmed: the target stores the next batch while the previous COMMIT is synced, in order (one connection)",
        Option = "--pipeline-depth",
        EnvVar = "FORWARDER_PIPELINE_DEPTH")]
    [Between(1, 16)]
    public int PipelineDepth { get; set; } = 4;

    [Setting(
        "How the target confirms what it stored: Transaction (one COMMIT receipt per batch, one disk sync) or Receipts (one receipt per message)",
        Option = "--send-mode",
        EnvVar = "FORWARDER_SEND_MODE")]
    public SendMode SendMode { get; set; } = SendMode.Transaction;

    [Setting("Sends of a message the target refuses before it is parked", Option = "--max-attempts", EnvVar = "FORWARDER_MAX_ATTEMPTS")]
    [Minimum(1)]
    public int MaxAttempts { get; set; } = 5;

    [Setting(
        "Largest message (body plus header lines, in bytes) the target accepts; a larger one is parked without being sent. ActiveMQ's STOMP limit, which Amazon MQ (ActiveMQ) keeps: 100 MiB",
        Option = "--max-message-bytes",
        EnvVar = "FORWARDER_MAX_MESSAGE_BYTES")]
    [Minimum(1)]
    public int MaxMessageBytes { get; set; } = 100 * 1024 * 1024;

    [Setting("Parking queue on the SOURCE broker for refused messages; {queue} is the source queue", Option = "--parking-queue", EnvVar = "FORWARDER_PARKING_QUEUE")]
    public string ParkingQueue { get; set; } = "DLQ." + QueuePlaceholder;

    [Setting("Send every forwarded message persistent (persistent:true), whatever the source frame claims; false keeps the source's validated persistent header (a JMS property named persistent can then make a message non-persistent)")]
    public bool PersistentDelivery { get; set; } = true;

    [Setting("Trust the fwd_* provenance properties of incoming messages (an upstream agent in a chain); false renames them orig_fwd_* and stamps a fresh origin id, origin queue and hop count")]
    public bool TrustUpstreamProvenance { get; set; }

    [Setting("Ask the source broker to render map and object messages as JSON (transformation:jms-json); needs the xstream/jettison jars on the broker, without them the agent warns and continues without")]
    public bool Transformation { get; set; } = true;

    [Setting("First reconnect delay of each side; every further attempt doubles it")]
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Setting("Longest reconnect delay")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Setting("Random spread of each reconnect delay, 0 to 1 (0.2 = ±20 %), so agents do not return all at once")]
    [Between(0, 1)]
    public double ReconnectJitter { get; set; } = 0.2;

    [Setting("How long a stop waits for in-flight messages to be confirmed and acknowledged")]
    [Duration(AllowZero = true)]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Setting("Longest wait for the target's (or the parking send's) RECEIPT once the frame is written, and for the socket to take any of a frame being written (a broker in producer flow control stops reading); then the connection is dropped and the messages resent one at a time, never parked for being slow")]
    [Duration]
    public TimeSpan ReceiptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Setting("How often the backlog metric (the source queues' sizes) is refreshed", Alias = "DiscoveryInterval")]
    [Duration]
    public TimeSpan BacklogRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    [Setting("Port of /metrics (Prometheus) and /health on MetricsHost; 0 turns them off", Option = "--metrics-port", EnvVar = "FORWARDER_METRICS_PORT")]
    [TcpPort]
    public int MetricsPort { get; set; } = 9464;

    [Setting("Host the metrics endpoint listens on")]
    public string MetricsHost { get; set; } = "localhost";
}
