using System.CommandLine;
using Forwarder.NetworkConnector;

namespace Forwarder.Cli;

/// <summary><c>forwarder network-connector</c>: the same link as ActiveMQ's broker-native bridge.</summary>
internal static class NetworkConnectorCommand
{
    public static Command Create()
    {
        var link = new LinkOptions();
        var command = new Command("network-connector", "Print the <networkConnector> element for the on-prem broker's activemq.xml that does what this configuration does (no secrets are printed).");
        link.AddTo(command);
        command.SetAction(parse =>
        {
            var (options, errors) = link.Loader(parse).Load();
            // The bridge runs inside the source broker; its STOMP URI is not needed.
            var relevant = errors.Where(e => !e.StartsWith("Forwarder:Source:", StringComparison.Ordinal)).ToList();
            if (relevant.Count > 0)
            {
                return LinkOptions.ReportErrors(parse.InvocationConfiguration.Error, relevant);
            }

            parse.InvocationConfiguration.Output.Write(NetworkConnectorXml.Render(options));
            return ExitCodes.Ok;
        });
        return command;
    }
}
