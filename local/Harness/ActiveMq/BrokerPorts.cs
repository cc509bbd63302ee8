using System.Globalization;

namespace Harness.ActiveMq;

/// <summary>What <c>scripts/broker.sh start</c> wrote to <c>DIR/ports.env</c> for the broker it started.</summary>
internal sealed record BrokerPorts(int ProcessId, Uri StompUri, Uri OpenWireUri, Uri? StompSslUri, string? CaCertificateFile, string? JmxUrl, bool Standby)
{
    public static BrokerPorts Read(string directory)
    {
        var env = File.ReadAllLines(Path.Combine(directory, "ports.env"))
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return new BrokerPorts(
            int.Parse(env["BROKER_PID"], CultureInfo.InvariantCulture),
            new Uri(env["STOMP_URI"]),
            new Uri(env["OPENWIRE_URI"]),
            env.TryGetValue("STOMP_SSL_URI", out var ssl) ? new Uri(ssl) : null,
            env.GetValueOrDefault("STOMP_SSL_CA_FILE"),
            env.GetValueOrDefault("JMX_URL"),
            env.GetValueOrDefault("STANDBY") == "1");
    }
}
