using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Provenance = Contract.ProvenanceProperties;

namespace Forwarder.Bridge;

/// <summary>
/// The id a message keeps across hops (<c>fwd_origin_id</c>). A JMS property named <c>message-id</c> overwrites the
/// broker's header (two messages with <c>message-id=ORDER-1</c> arrive with the same one), so the header is the id
/// only when it has the form ActiveMQ assigns; otherwise the id is a digest of what the message is, which a
/// redelivery does not change.
/// </summary>
internal static partial class OriginId
{
    /// <summary>Per-delivery headers: they differ between deliveries of one message.</summary>
    private static readonly HashSet<string> PerDelivery = new(StringComparer.Ordinal) { "ack", "subscription", "redelivered" };

    /// <summary>True for an id ActiveMQ assigned: <c>ID:&lt;connection id&gt;:&lt;session&gt;:&lt;producer&gt;:&lt;n&gt;:&lt;n&gt;</c>.</summary>
    public static bool IsBrokerAssigned(string? messageId) => messageId is not null && ActiveMqId().IsMatch(messageId);

    public static string Of(InboundMessage message) => IsBrokerAssigned(message.MessageId) ? message.MessageId : Digest(message);

    /// <summary>
    /// <c>sha256:</c> + hex over the source queue, the headers sorted by name then value (without per-delivery
    /// ones) and the body, each length-prefixed so no two different messages share an input. Byte-identical
    /// messages (a producer that forges equal ids and stamps in the same millisecond) get the same digest.
    /// </summary>
    private static string Digest(InboundMessage message)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, message.Queue);
        foreach (var header in message.Headers.Where(h => !PerDelivery.Contains(h.Key))
            .OrderBy(h => h.Key, StringComparer.Ordinal).ThenBy(h => h.Value, StringComparer.Ordinal))
        {
            Append(hash, header.Key);
            Append(hash, header.Value);
        }

        AppendLength(hash, message.Body.Length);
        hash.AppendData(message.Body.Span);
        return Provenance.DigestOriginIdPrefix + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        AppendLength(hash, bytes.Length);
        hash.AppendData(bytes);
    }

    private static void AppendLength(IncrementalHash hash, int length)
    {
        Span<byte> prefix = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(prefix, length);
        hash.AppendData(prefix);
    }

    [GeneratedRegex(@"^ID:.+:\d+:\d+:\d+:\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex ActiveMqId();
}
