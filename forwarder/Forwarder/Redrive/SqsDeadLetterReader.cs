using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.SQS.Model;
using Contract.DeadLetters;
using Contract.Text;
using Provenance = Contract.ProvenanceProperties;

namespace Forwarder.Redrive;

/// <summary>
/// Reads one SQS dead letter the functions wrote (<see cref="DeadLetterAttributes"/>): the body by its encoding,
/// from S3 where it was claim-checked; the properties; the JMS headers from the provenance attribute. A text
/// message's body is re-encoded to ActiveMQ's modified UTF-8 and sent without <c>content-length</c>, so it stays a
/// TextMessage; anything else keeps its bytes and gets <c>content-length</c>.
/// </summary>
internal sealed class SqsDeadLetterReader(IAmazonS3 s3)
{
    private const string TextMessage = "jms/text-message";

    /// <summary>Provenance field → STOMP header, for the JMS headers a SEND can set.</summary>
    private static readonly (string Json, string Header)[] JmsHeaderNames =
        [("correlationId", "correlation-id"), ("type", "type"), ("replyTo", "reply-to"), ("priority", "priority"), ("timestamp", "timestamp")];

    /// <exception cref="FormatException">The message is not a dead letter in the functions' format.</exception>
    public async Task<RedriveMessage> ReadAsync(Message message, string? targetQueue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var attributes = message.MessageAttributes ?? [];
        using var provenance = JsonDocument.Parse(Attribute(attributes, DeadLetterAttributes.Provenance)
            ?? throw new FormatException($"no '{DeadLetterAttributes.Provenance}' attribute: not a dead letter of the functions"));
        var p = provenance.RootElement;
        var encoding = Attribute(attributes, DeadLetterAttributes.BodyEncoding);
        S3Pointer? pointer = encoding == DeadLetterAttributes.S3 ? JsonSerializer.Deserialize(message.Body, RedriveJsonContext.Default.S3Pointer) : null;
        var body = encoding switch
        {
            DeadLetterAttributes.Utf8 => Encoding.UTF8.GetBytes(message.Body),
            DeadLetterAttributes.Base64 => Convert.FromBase64String(message.Body),
            DeadLetterAttributes.Empty => [],
            DeadLetterAttributes.S3 => await GetAsync(pointer!.Bucket, pointer.Key, cancellationToken),
            _ => throw new FormatException($"'{DeadLetterAttributes.BodyEncoding}' is '{encoding}', not one the functions write"),
        };
        var propertiesJson = pointer?.PropertiesKey is { } key
            ? Encoding.UTF8.GetString(await GetAsync(pointer.Bucket, key, cancellationToken))
            : Attribute(attributes, DeadLetterAttributes.Properties) ?? "{}";
        var properties = JsonSerializer.Deserialize(propertiesJson, RedriveJsonContext.Default.DictionaryStringString) ?? [];

        var queue = targetQueue ?? Text(p, "queue") ?? throw new FormatException("the provenance names no queue; give --target-queue");
        var messageId = Text(p, "messageId") ?? message.MessageId;
        var originId = properties.GetValueOrDefault(Provenance.OriginId) ?? Text(p, "originalId") ?? messageId;
        var sentAt = long.TryParse(Text(p, "timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : SentTimestamp(message);
        var headers = RedriveHeaders.For(
            JmsHeaders(p).Concat(properties),
            originId,
            properties.GetValueOrDefault(Provenance.OriginQueue) ?? Text(p, "queue") ?? queue);
        var isText = Text(p, "messageType") == TextMessage;
        return new RedriveMessage(
            new RedriveCandidate(messageId, originId, queue, sentAt),
            headers,
            isText ? ModifiedUtf8.FromUtf8(body) : body,
            WithContentLength: !isText);
    }

    /// <summary>The JMS headers a SEND can set, as STOMP headers; the rules in <see cref="RedriveHeaders"/> decide what is kept.</summary>
    private static List<KeyValuePair<string, string>> JmsHeaders(JsonElement p) =>
        JmsHeaderNames
            .Select(n => (n.Header, Value: Text(p, n.Json)))
            .Where(h => h.Value is { Length: > 0 } and not "null")
            .Select(h => new KeyValuePair<string, string>(h.Header, h.Value!))
            .ToList();

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static string? Attribute(Dictionary<string, MessageAttributeValue> attributes, string name) =>
        attributes.TryGetValue(name, out var value) ? value.StringValue : null;

    private static DateTimeOffset? SentTimestamp(Message message) =>
        message.Attributes?.TryGetValue("SentTimestamp", out var text) == true
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    private async Task<byte[]> GetAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(bucket, key, cancellationToken);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
