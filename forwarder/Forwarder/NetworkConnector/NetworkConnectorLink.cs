namespace Forwarder.NetworkConnector;

/// <summary>
/// The parts of a link that ActiveMQ's broker-native <c>&lt;networkConnector&gt;</c> can express: what
/// <see cref="NetworkConnectorXml.Render(NetworkConnectorLink)"/> writes, for the CLI and for brokers configured by
/// code (the tests, the benchmark, the local pipeline).
/// </summary>
/// <param name="Name">The connector's name, e.g. <c>Q:onprem-&gt;amazonmq</c>.</param>
/// <param name="OpenWireUris">The targets' OpenWire URIs (<c>tcp://</c>, <c>ssl://</c>) in failover order: one broker (<c>static:</c>), or an active/standby pair (<c>masterslave:</c>).</param>
/// <param name="Queues">Queue names or ActiveMQ wildcards forwarded statically (and the only ones forwarded on demand).</param>
internal sealed record NetworkConnectorLink(string Name, IReadOnlyList<string> OpenWireUris, IReadOnlyList<string> Queues)
{
    public IReadOnlyList<string> ExcludedQueues { get; init; } = [];

    /// <summary>Broker hops a message may make; the default value is 1 (no loops).</summary>
    public int NetworkTtl { get; init; } = 1;

    /// <summary>Cap of the bridge's reconnect backoff (its own default grows to 30 s); the default value is 5000.</summary>
    public int MaxReconnectDelayMs { get; init; } = 5000;

    public string? UserName { get; init; }

    /// <summary>
    /// Written with <see cref="UserName"/>; null (the default) writes <see cref="NetworkConnectorXml.PasswordPlaceholder"/>
    /// so that a printed configuration never holds a secret. Only a throw-away test broker gets a real one.
    /// </summary>
    public string? Password { get; init; }
}
