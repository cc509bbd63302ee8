using System.Globalization;
using Contract.Text;
using Forwarder.Configuration;
using Provenance = Contract.ProvenanceProperties;

namespace Forwarder.Bridge;

/// <summary>
/// Turns a source MESSAGE into the SEND for the target: body bytes verbatim (text stays text, bytes stay bytes),
/// JMS headers and every application property as strings by <see cref="HeaderRules"/>, provenance added.
/// </summary>
internal sealed class MessageMapper(ForwarderOptions options, TimeProvider time)
{
    /// <summary>Provenance this hop stamps itself, replacing what an upstream agent stamped.</summary>
    private static readonly HashSet<string> Stamped = new(StringComparer.Ordinal)
    {
        Provenance.OriginId, Provenance.OriginQueue, Provenance.Link, Provenance.Time, Provenance.Hops, Provenance.BodyKind,
    };

    /// <summary>A parked copy never expires; it keeps when the original would have.</summary>
    private static readonly Dictionary<string, string> ParkMoved = new(StringComparer.Ordinal) { ["expires"] = Provenance.OriginalExpires };

    /// <param name="message">The source message.</param>
    /// <param name="transformationActive">
    /// The subscription asked for <c>transformation:jms-json</c>, so map/object bodies arrive as labelled JSON.
    /// Without it such messages arrive with an empty body, indistinguishable from an empty text message.
    /// </param>
    public MappingOutcome Map(InboundMessage message, bool transformationActive)
    {
        if (SwallowedFrame.IsSuspected(message))
        {
            return Unforwardable(message, SwallowedFrame.Reason, transformationActive) with { ReconnectSource = true };
        }

        var hops = HopsOf(message);
        if (Refusal(message, hops) is { } refusal)
        {
            return Unforwardable(message, refusal, transformationActive);
        }

        var body = message.Body;
        var bodyKind = RenderedKind(message, transformationActive);
        if (bodyKind is not null)
        {
            // A map/object rendered by the broker as JSON: forwarded as text, labelled, in modified UTF-8.
            body = ModifiedUtf8.FromUtf8(message.Body.Span);
        }
        else if (LostByCopy(message, transformationActive) is { } unreadable)
        {
            return KeepOnPrem(message, unreadable);
        }

        var headers = ForwardHeaders(message, hops, bodyKind, transformationActive);
        var withContentLength = message.HasContentLength && bodyKind is null;
        var outbound = new OutboundMessage(options.TargetQueueFor(message.Queue), headers, body, withContentLength);
        if (outbound.SizeInBytes() is var size && size > options.MaxMessageBytes)
        {
            // Checked before sending: a refusal would cost MaxAttempts sends (or dropped connections) first.
            return Unforwardable(message, string.Create(
                CultureInfo.InvariantCulture,
                $"{size} bytes (body and headers) above MaxMessageBytes={options.MaxMessageBytes}, the target's limit: not sent"), transformationActive);
        }

        return MappingOutcome.Forward(outbound);
    }

    /// <summary>Why the message must not be forwarded whatever its body, or null when it may be.</summary>
    private string? Refusal(InboundMessage message, int hops)
    {
        if (message.DroppedHeaders.Count > 0)
        {
            // Received without these headers so the connection could stay up: a copy would silently lose them.
            return $"header(s) over the client's limits dropped on receipt, not forwarded incomplete: {string.Join(", ", message.DroppedHeaders)}";
        }

        if (message.Unroutable is { } unroutable)
        {
            return unroutable;
        }

        // Read even from an untrusted upstream: a claimed hop count only ever keeps a message on-prem, and two
        // agents forwarding to each other must still stop.
        return hops >= options.NetworkTtl
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"network TTL exhausted: {Provenance.Hops}={hops} is not below NetworkTtl={options.NetworkTtl} (loop prevention)")
            : null;
    }

    /// <summary>The SEND's headers: the source's by <see cref="HeaderRules"/>, then this hop's provenance.</summary>
    private List<KeyValuePair<string, string>> ForwardHeaders(InboundMessage message, int hops, string? bodyKind, bool transformationActive)
    {
        var trusted = options.TrustUpstreamProvenance;
        var headers = HeaderRules.Copy(message, new(transformationActive, trusted, options.PersistentDelivery, name => !Stamped.Contains(name)));
        var (originId, originQueue) = Origin(message);
        headers.Add(new(Provenance.OriginId, originId));
        headers.Add(new(Provenance.OriginQueue, originQueue));
        headers.Add(new(Provenance.Link, options.Name));
        headers.Add(new(Provenance.Time, time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        headers.Add(new(Provenance.Hops, ((trusted ? hops : 0) + 1).ToString(CultureInfo.InvariantCulture)));
        if ((bodyKind ?? (trusted ? message.Header(Provenance.BodyKind) : null)) is { } kind)
        {
            headers.Add(new(Provenance.BodyKind, kind));
        }

        if (options.PersistentDelivery)
        {
            headers.Add(new("persistent", "true"));
        }

        return headers;
    }

    /// <summary>
    /// What to do with a message that must not be forwarded: park a copy, unless the copy would lose the message's
    /// content (a map/object message), in which case it is kept on-prem whole (see <see cref="KeepOnPrem"/>).
    /// </summary>
    public static MappingOutcome Unforwardable(InboundMessage message, string reason, bool transformationActive) =>
        LostByCopy(message, transformationActive) is { } lost ? KeepOnPrem(message, $"{reason}; {lost}") : MappingOutcome.Park(reason);

    /// <summary>
    /// The copy parked on the source broker: body and body kind as received, properties by <see cref="HeaderRules"/>,
    /// persistent and never expiring (the original <c>expires</c> kept as <c>fwd_original_expires</c>), plus the reason.
    /// </summary>
    public OutboundMessage ParkCopy(InboundMessage message, string reason, bool transformationActive)
    {
        var headers = HeaderRules.Copy(
            message,
            new(transformationActive, options.TrustUpstreamProvenance, Persistent: true,
                name => name is not (Provenance.ParkReason or Provenance.OriginId or Provenance.OriginQueue), ParkMoved));
        var (originId, originQueue) = Origin(message);
        headers.Add(new(Provenance.OriginId, originId));
        headers.Add(new(Provenance.OriginQueue, originQueue));
        headers.Add(new("persistent", "true"));
        headers.Add(new(Provenance.ParkReason, Truncate(reason)));
        return new OutboundMessage(options.ParkingQueueFor(message.Queue), headers, message.Body, message.HasContentLength);
    }

    private static int HopsOf(InboundMessage message) =>
        int.TryParse(message.Header(Provenance.Hops), NumberStyles.Integer, CultureInfo.InvariantCulture, out var hops) && hops > 0 ? hops : 0;

    /// <summary>The transformation that rendered a map/object body as text, when the subscription asked for one.</summary>
    private static string? RenderedKind(InboundMessage message, bool transformationActive) =>
        transformationActive && message.Header("transformation") is Provenance.MapJsonBodyKind or Provenance.ObjectJsonBodyKind
            or Provenance.MapXmlBodyKind or Provenance.ObjectXmlBodyKind
            ? message.Header("transformation")
            : null;

    /// <summary>
    /// A message a copy would change: NACKed when persistent, so the broker's dead-letter queue keeps the original;
    /// parked as received when not, since a broker without <c>processNonPersistent</c> (Debian's stock one) drops a
    /// NACKed non-persistent message.
    /// </summary>
    private static MappingOutcome KeepOnPrem(InboundMessage message, string reason) =>
        message.Header("persistent") == "true"
            ? MappingOutcome.DeadLetter(reason + ", so the broker's dead-letter queue keeps the original")
            : MappingOutcome.Park(reason + "; non-persistent, so a NACK could drop it: parked as received instead");

    /// <summary>Why a copy of this message (forwarded or parked) would lose its content, or null when it would not.</summary>
    private static string? LostByCopy(InboundMessage message, bool transformationActive)
    {
        if (RenderedKind(message, transformationActive) is { } kind)
        {
            return $"it is a map/object message the broker rendered as {kind} text, which a parked copy would replace with a text message";
        }

        return !transformationActive && message.Body.IsEmpty && !message.HasContentLength
            ? "empty body without content-length on a broker that cannot render map/object messages over STOMP " +
                "(xstream/jettison jars missing): it may be a MapMessage or ObjectMessage whose content a copy would lose"
            : null;
    }

    /// <summary>The origin id and queue: an upstream agent's when trusted, else this hop's.</summary>
    private (string Id, string Queue) Origin(InboundMessage message)
    {
        var upstream = options.TrustUpstreamProvenance;
        return (
            (upstream ? message.Header(Provenance.OriginId) : null) ?? OriginId.Of(message),
            (upstream ? message.Header(Provenance.OriginQueue) : null) ?? message.Queue);
    }

    // ActiveMQ closes a STOMP connection on a header line above 10 KiB; an exception text can be long.
    private static string Truncate(string reason) => reason.Length <= 1000 ? reason : reason[..1000] + "…";
}
