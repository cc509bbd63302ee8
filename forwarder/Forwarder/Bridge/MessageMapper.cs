using System.Globalization;
using Contract.Text;
using Forwarder.Configuration;
using Provenance = Contract.ProvenanceProperties;

namespace Forwarder.Bridge;

/// <summary>
/// Turns a source MESSAGE into the SEND for the target: body bytes verbatim (text stays text, bytes stay bytes),
/// JMS headers and every application property as strings, broker-assigned headers dropped, provenance added.
/// </summary>
internal sealed class MessageMapper(ForwarderOptions options, TimeProvider time)
{
    /// <summary>Headers the source broker assigns per delivery; the target assigns its own.</summary>
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal)
    {
        "message-id", "destination", "subscription", "ack", "redelivered", "content-length", "transformation", "receipt",
    };

    private static readonly HashSet<string> Stamped = new(StringComparer.Ordinal)
    {
        Provenance.OriginId, Provenance.OriginQueue, Provenance.Link, Provenance.Time, Provenance.Hops, Provenance.BodyKind,
    };

    /// <param name="message">The source message.</param>
    /// <param name="transformationActive">
    /// The subscription asked for <c>transformation:jms-json</c>, so map/object bodies arrive as labelled JSON.
    /// Without it such messages arrive with an empty body, indistinguishable from an empty text message.
    /// </param>
    public MappingOutcome Map(InboundMessage message, bool transformationActive)
    {
        if (message.DroppedHeaders.Count > 0)
        {
            // Received without these headers so the connection could stay up: a copy would silently lose them.
            return MappingOutcome.Park(
                $"header(s) over the client's limits dropped on receipt, not forwarded incomplete: {string.Join(", ", message.DroppedHeaders)}");
        }

        var hops = HopsOf(message);
        if (hops >= options.NetworkTtl)
        {
            return MappingOutcome.Park(string.Create(
                CultureInfo.InvariantCulture,
                $"network TTL exhausted: {Provenance.Hops}={hops} is not below NetworkTtl={options.NetworkTtl} (loop prevention)"));
        }

        var body = message.Body;
        string? bodyKind = null;
        var transformation = message.Header("transformation");
        if (transformation is Provenance.MapJsonBodyKind or Provenance.ObjectJsonBodyKind
            or Provenance.MapXmlBodyKind or Provenance.ObjectXmlBodyKind)
        {
            // A map/object rendered by the broker as JSON: forwarded as text, labelled, in modified UTF-8.
            bodyKind = transformation;
            body = ModifiedUtf8.FromUtf8(message.Body.Span);
        }
        else if (!transformationActive && message.Body.IsEmpty && !message.HasContentLength)
        {
            if (message.Header("persistent") != "true")
            {
                // A broker without processNonPersistent (Debian's stock one) drops a NACKed non-persistent message.
                return MappingOutcome.Park(
                    "empty body without content-length on a broker that cannot render map/object messages over STOMP " +
                    "(xstream/jettison jars missing): it may be a MapMessage or ObjectMessage whose content was already " +
                    "empty on the wire; non-persistent, so a NACK could drop it: parked as received instead");
            }

            return MappingOutcome.DeadLetter(
                "empty body without content-length on a broker that cannot render map/object messages over STOMP " +
                "(xstream/jettison jars missing): it may be a MapMessage or ObjectMessage whose content a copy would lose, " +
                "so the broker's dead-letter queue keeps the original");
        }

        var headers = CopyHeaders(message, hops + 1, bodyKind);
        var withContentLength = message.HasContentLength && bodyKind is null;
        return MappingOutcome.Forward(new OutboundMessage(options.TargetQueueFor(message.Queue), headers, body, withContentLength));
    }

    /// <summary>The copy parked on the source broker: body and properties as received, plus the reason.</summary>
    public OutboundMessage ParkCopy(InboundMessage message, string reason)
    {
        var headers = new List<KeyValuePair<string, string>>(message.Headers.Count + 6);
        foreach (var header in message.Headers)
        {
            if (!Dropped.Contains(header.Key) && header.Key is not Provenance.ParkReason)
            {
                headers.Add(header);
            }
        }

        if (message.Header(Provenance.OriginId) is null)
        {
            headers.Add(new(Provenance.OriginId, message.MessageId));
        }

        if (message.Header(Provenance.OriginQueue) is null)
        {
            headers.Add(new(Provenance.OriginQueue, message.Queue));
        }

        headers.Add(new(Provenance.ParkReason, Truncate(reason)));
        return new OutboundMessage(options.ParkingQueueFor(message.Queue), headers, message.Body, message.HasContentLength);
    }

    private static int HopsOf(InboundMessage message) =>
        int.TryParse(message.Header(Provenance.Hops), NumberStyles.Integer, CultureInfo.InvariantCulture, out var hops) && hops > 0 ? hops : 0;

    private List<KeyValuePair<string, string>> CopyHeaders(InboundMessage message, int hops, string? bodyKind)
    {
        var headers = new List<KeyValuePair<string, string>>(message.Headers.Count + 6);
        foreach (var header in message.Headers)
        {
            if (!Dropped.Contains(header.Key) && !Stamped.Contains(header.Key))
            {
                headers.Add(header);
            }
        }

        headers.Add(new(Provenance.OriginId, message.Header(Provenance.OriginId) ?? message.MessageId));
        headers.Add(new(Provenance.OriginQueue, message.Header(Provenance.OriginQueue) ?? message.Queue));
        headers.Add(new(Provenance.Link, options.Name));
        headers.Add(new(Provenance.Time, time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        headers.Add(new(Provenance.Hops, hops.ToString(CultureInfo.InvariantCulture)));
        if ((bodyKind ?? message.Header(Provenance.BodyKind)) is { } kind)
        {
            headers.Add(new(Provenance.BodyKind, kind));
        }

        return headers;
    }

    // ActiveMQ closes a STOMP connection on a header line above 10 KiB; an exception text can be long.
    private static string Truncate(string reason) => reason.Length <= 1000 ? reason : reason[..1000] + "…";
}
