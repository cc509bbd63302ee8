using System.Globalization;
using Provenance = Contract.ProvenanceProperties;

namespace Forwarder.Bridge;

/// <summary>
/// Which of a source frame's headers a SEND may carry as they are. ActiveMQ writes a message's JMS properties over
/// the STOMP headers of the same name, so every header is a claim: the ones the broker assigns per delivery are
/// dropped, a JMS header value the SEND would act on is kept only when valid, and anything else that would steer
/// the SEND (a reserved name, an invalid value, a forged <c>message-id</c> or <c>destination</c>) travels as data,
/// renamed <c>fwd_prop_&lt;name&gt;</c>. Only the first header of a name counts as the header (STOMP 1.2).
/// </summary>
internal static class HeaderRules
{
    /// <summary>Assigned by the source broker for each delivery; meaningless on another broker.</summary>
    private static readonly HashSet<string> PerDelivery = new(StringComparer.Ordinal) { "subscription", "ack", "redelivered" };

    /// <summary>Names the SEND frame itself uses: a property with one of them would steer the send.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "receipt", "transaction" };

    /// <summary>How one SEND copies a frame's headers.</summary>
    /// <param name="TransformationActive">The subscription asked for a transformation, so its header is the broker's.</param>
    /// <param name="TrustUpstream">Keep incoming <c>fwd_*</c> properties; otherwise rename them <c>orig_fwd_*</c>.</param>
    /// <param name="Persistent">
    /// The SEND is persistent whatever the frame says (the caller stamps <c>persistent:true</c>): a frame's
    /// <c>persistent:true</c> is dropped, any other value (ActiveMQ writes only <c>true</c>, so it is a property) is renamed.
    /// </param>
    /// <param name="Keep">Decides whether a valid header or property is copied (false for what the caller stamps itself).</param>
    /// <param name="Moved">Valid headers copied under another name (a parked copy's <c>expires</c>).</param>
    public sealed record Policy(
        bool TransformationActive,
        bool TrustUpstream,
        bool Persistent,
        Func<string, bool> Keep,
        IReadOnlyDictionary<string, string>? Moved = null);

    public static List<KeyValuePair<string, string>> Copy(InboundMessage message, Policy policy)
    {
        var headers = new List<KeyValuePair<string, string>>(message.Headers.Count + 8);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in message.Headers)
        {
            var first = seen.Add(name);
            if (name.StartsWith(Provenance.Prefix, StringComparison.Ordinal) && !policy.TrustUpstream)
            {
                headers.Add(new(Provenance.UntrustedPrefix + name[Provenance.Prefix.Length..], value));
            }
            else if (Classify(message, name, value, first, policy) is var rule && rule == Rule.Rename)
            {
                headers.Add(new(Provenance.RenamedPropertyPrefix + name, value));
            }
            else if (rule == Rule.Keep && policy.Keep(name))
            {
                headers.Add(new(policy.Moved?.GetValueOrDefault(name) ?? name, value));
            }
        }

        return headers;
    }

    private static Rule Classify(InboundMessage message, string name, string value, bool first, Policy policy) => name switch
    {
        _ when PerDelivery.Contains(name) => Rule.Drop,
        _ when Reserved.Contains(name) => Rule.Rename,

        // The origin id replaces an id ActiveMQ assigned; any other value is a producer's property.
        "message-id" => first && OriginId.IsBrokerAssigned(value) ? Rule.Drop : Rule.Rename,

        // The subscription says where the message came from; a different destination is a producer's property.
        "destination" => first && value == "/queue/" + message.Queue ? Rule.Drop : Rule.Rename,

        // The parser framed the body by the first, unless it did not end the body (then the frame has none and the
        // value was a property's). A property equal to a text body's length cannot be told from the header: that
        // message arrives as a BytesMessage, as ActiveMQ's own STOMP consumers would receive it.
        "content-length" => first && message.HasContentLength ? Rule.Drop : Rule.Rename,
        "transformation" => first && policy.TransformationActive ? Rule.Drop : Rule.Rename,
        "priority" => first && IsInteger(value, 9) ? Rule.Keep : Rule.Rename,
        "expires" or "timestamp" => first && IsInteger(value, long.MaxValue) ? Rule.Keep : Rule.Rename,
        "persistent" when policy.Persistent => first && value == "true" ? Rule.Drop : Rule.Rename,
        "persistent" => first && (value is "true" or "false") ? Rule.Keep : Rule.Rename,
        _ => Rule.Keep,
    };

    private static bool IsInteger(string value, long max) =>
        value.Length > 0 && value.All(char.IsAsciiDigit)
        && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= max;

    private enum Rule
    {
        Keep,
        Drop,
        Rename,
    }
}
