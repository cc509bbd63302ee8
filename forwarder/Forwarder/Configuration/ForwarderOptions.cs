namespace Forwarder.Configuration;

/// <summary>
/// The forwarding link, in ActiveMQ's <c>networkConnector</c> vocabulary. Bound from the <c>Forwarder</c> section
/// (appsettings.json, <c>FORWARDER__*</c> environment variables, the short <c>FORWARDER_*</c> names and the command
/// line) and validated at start by <see cref="ForwarderOptionsValidator"/>.
/// </summary>
internal sealed class ForwarderOptions
{
    public const string SectionName = "Forwarder";

    /// <summary>Link name, stamped as <c>fwd_link</c> on every forwarded message. The default is <c>Q:onprem-&gt;amazonmq</c>.</summary>
    public string Name { get; set; } = "Q:onprem->amazonmq";

    /// <summary>The on-prem broker: <c>stomp://host:61613</c> or <c>stomp+ssl://host:61614</c>. Required.</summary>
    public string? Source { get; set; }

    /// <summary>The target broker: a URI or a <c>static:(a,b)</c> list; combined with <see cref="Targets"/>.</summary>
    public string? Target { get; set; }

    /// <summary>
    /// The target broker(s): one URI, or two for active/standby failover, each entry either a URI or a
    /// <c>static:(a,b)</c> / <c>masterslave:(a,b)</c> list. Required.
    /// </summary>
    public List<string> Targets { get; set; } = [];

    /// <summary>User name on the source broker. Optional: anonymous when absent.</summary>
    public string? SourceUserName { get; set; }

    /// <summary>Password on the source broker; prefer <see cref="SourcePasswordFile"/>. Never logged.</summary>
    public string? SourcePassword { get; set; }

    /// <summary>File holding the source password; one trailing newline is ignored.</summary>
    public string? SourcePasswordFile { get; set; }

    /// <summary>User name on the target broker.</summary>
    public string? TargetUserName { get; set; }

    /// <summary>Password on the target broker; prefer <see cref="TargetPasswordFile"/>. Never logged.</summary>
    public string? TargetPassword { get; set; }

    /// <summary>File holding the target password; one trailing newline is ignored.</summary>
    public string? TargetPasswordFile { get; set; }

    /// <summary>Only <c>false</c> is supported: the agent forwards one way. The default is <c>false</c>.</summary>
    public bool Duplex { get; set; }

    /// <summary>
    /// Hop limit: a message whose <c>fwd_hops</c> is already at least this value is parked instead of forwarded
    /// again (loop prevention). The default is 1, as ActiveMQ's networkTTL.
    /// </summary>
    public int NetworkTtl { get; set; } = 1;

    /// <summary>Queues to forward: names or ActiveMQ wildcards (<c>*</c> one segment, <c>&gt;</c> the rest). Required.</summary>
    public List<string> StaticallyIncludedDestinations { get; set; } = [];

    /// <summary>Queues never forwarded, with the same wildcards.</summary>
    public List<string> ExcludedDestinations { get; set; } = [];

    /// <summary>Prefix put in front of the queue name on the target. The default is none.</summary>
    public string TargetQueuePrefix { get; set; } = "";

    /// <summary>Explicit renames, source queue name → target queue name; applied before <see cref="TargetQueuePrefix"/> is considered (a mapped name gets no prefix).</summary>
    public Dictionary<string, string> TargetQueueMap { get; set; } = [];

    /// <summary>PEM file with the CA certificate(s) that sign the source broker's TLS certificate.</summary>
    public string? SourceCaFile { get; set; }

    /// <summary>PEM file with the CA certificate(s) that sign the target broker's TLS certificate.</summary>
    public string? TargetCaFile { get; set; }

    /// <summary>Check that a broker's TLS certificate names the host connected to. The default is <c>true</c>.</summary>
    public bool TlsCheckHostName { get; set; } = true;

    /// <summary>Messages the source broker may dispatch before they are acknowledged, per queue subscription. The default is 1000 (room for <see cref="BatchSize"/> × <see cref="PipelineDepth"/>).</summary>
    public int Prefetch { get; set; } = 1000;

    /// <summary>Messages sent to the target per transaction (or per window of receipts). The default is 200.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// Batches sent to the target before the oldest is confirmed. Above 1 the target works on the next batch while
    /// the previous COMMIT is synced; order is kept (one connection). The default is 4.
    /// </summary>
    public int PipelineDepth { get; set; } = 4;

    /// <summary>How sends to the target are confirmed. The default is <see cref="SendMode.Transaction"/>.</summary>
    public SendMode SendMode { get; set; } = SendMode.Transaction;

    /// <summary>Attempts to send one message before it is parked. The default is 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Queue on the SOURCE broker where refused messages are parked; <c>{queue}</c> is the source queue. The default is <c>DLQ.{queue}</c>.</summary>
    public string ParkingQueue { get; set; } = "DLQ.{queue}";

    /// <summary>
    /// Ask the source broker to render map and object messages as JSON (<c>transformation:jms-json</c>). Needs the
    /// xstream/jettison jars on the broker; without them the agent warns and continues without. The default is <c>true</c>.
    /// </summary>
    public bool Transformation { get; set; } = true;

    /// <summary>First reconnect delay. The default is 1 second.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest reconnect delay. The default is 30 seconds.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Random spread applied to each reconnect delay, 0–1 (0.2 = ±20 %). The default is 0.2.</summary>
    public double ReconnectJitter { get; set; } = 0.2;

    /// <summary>How long a stop waits for in-flight messages to be confirmed and acknowledged. The default is 30 seconds.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often newly created queues are looked for when a wildcard needs discovery. The default is 30 seconds.</summary>
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Port of the <c>/metrics</c> (Prometheus) and <c>/health</c> endpoints on <see cref="MetricsHost"/>; 0 turns them off. The default is 9464.</summary>
    public int MetricsPort { get; set; } = 9464;

    /// <summary>Host the metrics endpoint listens on. The default is <c>localhost</c>.</summary>
    public string MetricsHost { get; set; } = "localhost";
}
