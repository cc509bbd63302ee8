namespace LocalPipeline.Stages;

/// <summary>
/// ActiveMQ's own store-and-forward bridge onprem → cloud for one queue (activemq.md §3): the stand-in when the
/// STOMP forwarder (scripts/forwarder.sh) is not available in this checkout.
/// </summary>
internal static class NetworkConnector
{
    public static string Xml(Uri cloudOpenWire, string queue) =>
        $"<networkConnector name=\"onprem-to-cloud\" duplex=\"false\" networkTTL=\"1\" uri=\"static:({cloudOpenWire.ToString().TrimEnd('/')})\">"
        + $"<staticallyIncludedDestinations><queue physicalName=\"{System.Security.SecurityElement.Escape(queue)}\"/></staticallyIncludedDestinations></networkConnector>";
}
