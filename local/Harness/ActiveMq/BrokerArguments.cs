using System.Globalization;

namespace Harness.ActiveMq;

/// <summary>The <c>scripts/broker.sh start</c> command line for <see cref="BrokerOptions"/>.</summary>
internal static class BrokerArguments
{
    /// <param name="root">The checkout whose <c>template.yaml</c> <see cref="BrokerOptions.TemplateDestinationPolicy"/> reads.</param>
    /// <param name="jmxPort">The JMX port, chosen once for the broker's lifetime; null without JMX.</param>
    /// <param name="earlier">The ports of an earlier start, kept so clients reconnect to the URIs they were given.</param>
    /// <param name="fixedPorts">OpenWire and STOMP ports chosen before the first start (a standby needs them); null: the OS picks.</param>
    public static List<string> Start(BrokerOptions o, string directory, string root, int? jmxPort, BrokerPorts? earlier, (int OpenWire, int Stomp)? fixedPorts)
    {
        var args = new List<string> { "start", directory, "--name", o.Name, "--heap", o.Heap };
        Repeat(args, "--user", o.Users.Select(u => $"{u.Name}:{u.Password}:{u.Groups}"));
        Flag(args, "--anonymous", o.AnonymousAccess);
        Repeat(args, "--authz", o.Authorization);
        Option(args, "--redelivery", o.MaximumRedeliveries is { } max
            ? FormattableString.Invariant($"{max}:{(long)o.RedeliveryDelay.TotalMilliseconds}")
            : null);
        Flag(args, "--scheduler", o.SchedulerSupport);
        Option(args, "--dlq-prefix", o.DeadLetterQueuePrefix);
        Option(args, "--destination-policy", o.TemplateDestinationPolicy ? Path.Combine(root, "template.yaml") : null);
        Flag(args, "--stock-policy", o.StockConfiguration);
        Flag(args, "--statistics", o.Statistics);
        Repeat(args, "--network-connector", o.NetworkConnectors);
        Flag(args, "--ssl", o.StompSsl);
        Option(args, "--ssl-san", o.StompSsl ? o.SslSubjectAltNames : null);
        Flag(args, "--no-jars", o.WithoutJars);
        Option(args, "--jmx-port", Invariant(jmxPort));
        Option(args, "--shared-store", o.SharedStore);
        Option(args, "--openwire-port", Invariant(earlier?.OpenWireUri.Port ?? fixedPorts?.OpenWire));
        Option(args, "--stomp-port", Invariant(earlier?.StompUri.Port ?? fixedPorts?.Stomp));
        Option(args, "--stomp-ssl-port", Invariant(earlier?.StompSslUri?.Port));
        args.AddRange(o.ExtraArguments);
        return args;
    }

    private static void Flag(List<string> args, string name, bool on)
    {
        if (on)
        {
            args.Add(name);
        }
    }

    private static void Option(List<string> args, string name, string? value)
    {
        if (value is not null)
        {
            args.AddRange([name, value]);
        }
    }

    private static void Repeat(List<string> args, string name, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            args.AddRange([name, value]);
        }
    }

    private static string? Invariant(int? number) => number?.ToString(CultureInfo.InvariantCulture);
}
