namespace Harness.ActiveMq;

/// <summary>
/// What a broker is started with; each property maps to one <c>scripts/broker.sh start</c> option.
/// Defaults: a new temp folder, no authentication, statistics plugin on, no TLS, no JMX.
/// </summary>
public sealed record BrokerOptions
{
    public string Name { get; init; } = "broker";

    /// <summary>
    /// The broker folder (<c>conf/</c>, <c>data/</c>, <c>ports.env</c>), kept after the broker stops. Null (the
    /// default): a new folder under the temp directory, deleted on dispose unless <c>KEEP_BROKER_DIRS=1</c>.
    /// </summary>
    public string? Directory { get; init; }

    /// <summary>The checkout whose <c>scripts/broker.sh</c> runs the broker; null (the default): <see cref="Harness.RepositoryRoot"/>.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>When not empty, anonymous access is refused and only these users may connect.</summary>
    public IReadOnlyList<BrokerUser> Users { get; init; } = [];

    /// <summary>With <see cref="Users"/>: clients without a login are let in as user and group <c>anonymous</c>.</summary>
    public bool AnonymousAccess { get; init; }

    /// <summary>
    /// <c>authorizationPlugin</c> entries, each <c>queue|topic:PATTERN:READ:WRITE:ADMIN</c> with comma separated groups,
    /// e.g. <c>queue:&gt;:users:users:users</c>. Advisory topics are opened to every listed group.
    /// </summary>
    public IReadOnlyList<string> Authorization { get; init; } = [];

    /// <summary>Turns on <c>redeliveryPlugin</c> (and scheduler support) with this many redeliveries before the DLQ.</summary>
    public int? MaximumRedeliveries { get; init; }

    /// <summary>Delay of the redelivery plugin; the broker refuses to start with 1 s or less.</summary>
    public TimeSpan RedeliveryDelay { get; init; } = TimeSpan.FromSeconds(2);

    public bool SchedulerSupport { get; init; }

    /// <summary><c>individualDeadLetterStrategy queuePrefix</c>, e.g. <c>DLQ.</c>; null keeps <c>ActiveMQ.DLQ</c>.</summary>
    public string? DeadLetterQueuePrefix { get; init; }

    /// <summary>
    /// The <c>&lt;destinationPolicy&gt;</c> of the repository's <c>template.yaml</c> broker configuration, read at every
    /// start (<c>--destination-policy</c>): the cloud broker runs the policy Amazon MQ is deployed with, never a copy.
    /// Excludes <see cref="DeadLetterQueuePrefix"/> and <see cref="StockConfiguration"/>.
    /// </summary>
    public bool TemplateDestinationPolicy { get; init; }

    /// <summary>
    /// No destination policy, as Debian's stock <c>activemq.xml</c> (<c>--stock-policy</c>): dead letters go to the shared
    /// <c>ActiveMQ.DLQ</c> and a dead-lettered (e.g. NACKed) non-persistent message is dropped. With
    /// <see cref="WithoutJars"/>, Debian's stock on-prem broker.
    /// </summary>
    public bool StockConfiguration { get; init; }

    /// <summary><c>statisticsBrokerPlugin</c>: what <see cref="QueueInspector.CountAsync"/> asks.</summary>
    public bool Statistics { get; init; } = true;

    /// <summary>
    /// <c>&lt;networkConnector …&gt;</c> elements inserted verbatim; the forwarder's
    /// <c>NetworkConnectorXml.Render(NetworkConnectorLink)</c> writes one.
    /// </summary>
    public IReadOnlyList<string> NetworkConnectors { get; init; } = [];

    /// <summary>Adds a <c>stomp+ssl</c> connector with a generated self-signed certificate.</summary>
    public bool StompSsl { get; init; }

    /// <summary>SAN of the generated certificate (keytool syntax); default <c>dns:localhost,ip:127.0.0.1</c>.</summary>
    public string? SslSubjectAltNames { get; init; }

    /// <summary>Starts a JMX connector on a free loopback port (for <c>activemq.jar query/dstat</c>).</summary>
    public bool Jmx { get; init; }

    public string Heap { get; init; } = "256m";

    /// <summary>
    /// Leaves the xstream/jettison/xpp3 jars off the broker's classpath (<c>--no-jars</c>): Debian's stock broker,
    /// where STOMP transformations (map/object as JSON or XML) drop the connection.
    /// </summary>
    public bool WithoutJars { get; init; }

    /// <summary>
    /// KahaDB in this directory (<c>--shared-store</c>), e.g. one shared by a master/slave pair: the broker that finds it
    /// locked starts as the standby (<see cref="ActiveMqBroker.StartedAsStandby"/>), its connectors closed until it takes
    /// over. Such a broker gets fixed free ports, so its URIs are known before it listens.
    /// </summary>
    public string? SharedStore { get; init; }

    /// <summary>More <c>scripts/broker.sh start</c> options, passed as they are after the ones above.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
