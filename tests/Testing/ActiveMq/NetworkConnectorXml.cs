using System.Globalization;
using System.Security;
using System.Text;

namespace Testing.ActiveMq;

/// <summary>Builds the <c>&lt;networkConnector&gt;</c> element the seed used (AWS "on-premises broker to Amazon MQ").</summary>
public static class NetworkConnectorXml
{
    /// <summary>
    /// A static, non-duplex bridge to <paramref name="target"/> (an OpenWire <c>tcp://</c> URI) forwarding
    /// <paramref name="queues"/> only. Dynamic forwarding is restricted to the same queues, so a consumer on the
    /// target pulls nothing else across (notes §3 "Dynamic forwarding also happens").
    /// </summary>
    public static string Static(
        string name, Uri target, IEnumerable<string> queues, string? userName = null, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(queues);
        var list = queues.Select(q => $"<queue physicalName=\"{SecurityElement.Escape(q)}\"/>").ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("a static network connector needs at least one queue", nameof(queues));
        }

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"<networkConnector name=\"{SecurityElement.Escape(name)}\" duplex=\"false\" networkTTL=\"1\" ");
        sb.Append(CultureInfo.InvariantCulture,
            $"uri=\"static:({SecurityElement.Escape(target.ToString().TrimEnd('/'))})?maxReconnectDelay=5000\"");
        if (userName is not null)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $" userName=\"{SecurityElement.Escape(userName)}\" password=\"{SecurityElement.Escape(password ?? "")}\"");
        }

        sb.Append('>');
        sb.Append("<staticallyIncludedDestinations>").AppendJoin("", list).Append("</staticallyIncludedDestinations>");
        sb.Append("<dynamicallyIncludedDestinations>").AppendJoin("", list).Append("</dynamicallyIncludedDestinations>");
        sb.Append("</networkConnector>");
        return sb.ToString();
    }
}
