using System.CommandLine;
using Forwarder.NetworkConnector;

namespace Forwarder.Cli;

/// <summary><c>forwarder network-connector</c>: the same link as ActiveMQ's broker-native bridge.</summary>
internal static class NetworkConnectorCommand
{
    public static Command Create() => LinkOptions.CreateCommand(
        "network-connector",
        "Print the <networkConnector> element for the on-prem broker's activemq.xml that does what this configuration does (no secrets are printed).",
        async (parse, options, _) =>
        {
            await parse.InvocationConfiguration.Output.WriteAsync(NetworkConnectorXml.Render(options));
            return ExitCodes.Ok;
        },
        // The bridge runs inside the source broker; its STOMP URI is not needed.
        relevant: e => !e.StartsWith("Forwarder:Source:", StringComparison.Ordinal));
}
