using Forwarder.Configuration;

namespace Forwarder.Cli;

/// <summary>
/// A setting that the command line (<see cref="Option"/>) and a short environment variable (<see cref="EnvVar"/>)
/// can both give; the command line wins over the variable, which wins over <c>FORWARDER__*</c> variables and the
/// configuration file.
/// </summary>
internal sealed record CliSetting(string Option, string EnvVar, string Key, string Description, bool Repeatable, Action<ForwarderOptions, IReadOnlyList<string>> Apply)
{
    public static IReadOnlyList<CliSetting> All { get; } =
    [
        new("--name", "FORWARDER_NAME", "Name", "Link name, stamped as fwd_link (e.g. 'Q:onprem->amazonmq')", false, (o, v) => o.Name = v[0]),
        new("--source", "FORWARDER_SOURCE", "Source", "On-prem broker: stomp://host:61613 or stomp+ssl://host:61614", false, (o, v) => o.Source = v[0]),
        new("--target", "FORWARDER_TARGET", "Targets", "Target broker URI; repeat (or use static:(a,b)) for active/standby failover", true, (o, v) =>
        {
            o.Target = null;
            o.Targets = [.. v];
        }),
        new("--source-user", "FORWARDER_SOURCE_USER", "SourceUserName", "User name on the source broker (optional)", false, (o, v) => o.SourceUserName = v[0]),
        new("--source-password-file", "FORWARDER_SOURCE_PASSWORD_FILE", "SourcePasswordFile", "File holding the source password (a trailing newline is ignored)", false, (o, v) =>
        {
            o.SourcePassword = null;
            o.SourcePasswordFile = v[0];
        }),
        new("--target-user", "FORWARDER_TARGET_USER", "TargetUserName", "User name on the target broker", false, (o, v) => o.TargetUserName = v[0]),
        new("--target-password-file", "FORWARDER_TARGET_PASSWORD_FILE", "TargetPasswordFile", "File holding the target password (a trailing newline is ignored)", false, (o, v) =>
        {
            o.TargetPassword = null;
            o.TargetPasswordFile = v[0];
        }),
        new("--include", "FORWARDER_INCLUDE", "StaticallyIncludedDestinations", "Queue or wildcard to forward ('Orders.>', '*'); repeatable; the variable takes a comma-separated list", true, (o, v) => o.StaticallyIncludedDestinations = [.. v]),
        new("--exclude", "FORWARDER_EXCLUDE", "ExcludedDestinations", "Queue or wildcard never forwarded; repeatable; the variable takes a comma-separated list", true, (o, v) => o.ExcludedDestinations = [.. v]),
        new("--source-ca-file", "FORWARDER_SOURCE_CA_FILE", "SourceCaFile", "PEM CA certificate(s) for the source broker's TLS certificate", false, (o, v) => o.SourceCaFile = v[0]),
        new("--target-ca-file", "FORWARDER_TARGET_CA_FILE", "TargetCaFile", "PEM CA certificate(s) for the target broker's TLS certificate", false, (o, v) => o.TargetCaFile = v[0]),
        new("--send-mode", "FORWARDER_SEND_MODE", "SendMode", "Transaction (one COMMIT receipt per batch, default) or Receipts (one receipt per message)", false, (o, v) => o.SendMode = Enum.TryParse<SendMode>(v[0], true, out var mode) ? mode : throw new FormatException($"'{v[0]}' is not Transaction or Receipts")),
        new("--batch-size", "FORWARDER_BATCH_SIZE", "BatchSize", "Messages per transaction or receipt window (default 200)", false, (o, v) => o.BatchSize = Int(v[0])),
        new("--pipeline-depth", "FORWARDER_PIPELINE_DEPTH", "PipelineDepth", "Batches in flight to the target before the oldest is confirmed (default 4)", false, (o, v) => o.PipelineDepth = Int(v[0])),
        new("--prefetch", "FORWARDER_PREFETCH", "Prefetch", "Unacknowledged messages the source may dispatch per subscription (default 1000)", false, (o, v) => o.Prefetch = Int(v[0])),
        new("--max-attempts", "FORWARDER_MAX_ATTEMPTS", "MaxAttempts", "Sends of a refused message before it is parked (default 5)", false, (o, v) => o.MaxAttempts = Int(v[0])),
        new("--parking-queue", "FORWARDER_PARKING_QUEUE", "ParkingQueue", "Parking queue on the source broker, {queue} = source queue (default DLQ.{queue})", false, (o, v) => o.ParkingQueue = v[0]),
        new("--network-ttl", "FORWARDER_NETWORK_TTL", "NetworkTtl", "Hops a message may be forwarded (default 1)", false, (o, v) => o.NetworkTtl = Int(v[0])),
        new("--metrics-port", "FORWARDER_METRICS_PORT", "MetricsPort", "Port of /metrics and /health (default 9464; 0 = off)", false, (o, v) => o.MetricsPort = Int(v[0])),
    ];

    private static int Int(string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"'{value}' is not a whole number");

    /// <summary>Environment-only settings: secrets are not accepted on the command line (visible in ps).</summary>
    public static IReadOnlyList<(string EnvVar, string Key, Action<ForwarderOptions, string> Apply)> EnvOnly { get; } =
    [
        ("FORWARDER_SOURCE_PASSWORD", "SourcePassword", (o, v) => o.SourcePassword = v),
        ("FORWARDER_TARGET_PASSWORD", "TargetPassword", (o, v) => o.TargetPassword = v),
    ];
}
