using Forwarder.NetworkConnector;

namespace LocalPipeline.Stages;

/// <summary>
/// ActiveMQ's own store-and-forward bridge onprem → cloud for one queue, written by the
/// forwarder's <see cref="NetworkConnectorXml"/>: the stand-in when the STOMP forwarder (scripts/forwarder.sh) is
/// not available in this checkout.
/// </summary>
internal static class NetworkConnector
{
    public static string Xml(Uri cloudOpenWire, string queue) =>
        NetworkConnectorXml.Render(new NetworkConnectorLink("onprem-to-cloud", [cloudOpenWire.ToString().TrimEnd('/')], [queue]));
}
