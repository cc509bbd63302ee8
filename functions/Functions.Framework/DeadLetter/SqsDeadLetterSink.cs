using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Contract.DeadLetters;
using Microsoft.Extensions.Logging;

namespace Functions.Framework.DeadLetter;

/// <summary>
/// Dead-letters to an SQS queue with <c>SendMessageBatch</c>, in requests that respect SQS's limits. The body
/// stays byte-exact: SQS-safe UTF-8 as is, anything else in base64, and a body too large for SQS goes to S3 with a
/// pointer in the SQS message. The producer's properties travel as one ASCII JSON attribute. Rejected entries are
/// sent again; what still fails is returned, never dropped.
/// </summary>
internal sealed partial class SqsDeadLetterSink : IDeadLetterSink
{
    private readonly IAmazonSQS _sqs;
    private readonly IAmazonS3? _s3;
    private readonly DeadLetterOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly bool _fifo;

    public SqsDeadLetterSink(IAmazonSQS sqs, IAmazonS3? s3, DeadLetterOptions options, TimeProvider timeProvider, ILogger<SqsDeadLetterSink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sqs = sqs;
        _s3 = s3;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _fifo = options.QueueUrl.AbsolutePath.EndsWith(".fifo", StringComparison.Ordinal);
    }

    public async Task<IReadOnlyList<DeadLetterFailure>> SendAsync(IReadOnlyList<DeadLetterMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var failures = new List<DeadLetterFailure>();
        var entries = new List<SqsEntry>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var entry = await PrepareAsync($"m{i}", messages[i], failures, cancellationToken);
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        foreach (var request in SqsBatchPlanner.Plan(entries, _options.MaxMessageBytes))
        {
            await SendWithRetriesAsync(request, failures, cancellationToken);
        }

        return failures;
    }

    /// <summary>
    /// Builds the entry for one message. When it is too large for SQS, its body is stored in S3 first; when it is
    /// still too large (properties of nearly the whole limit), the properties are stored next to the body too.
    /// </summary>
    private async Task<SqsEntry?> PrepareAsync(string id, DeadLetterMessage message, List<DeadLetterFailure> failures, CancellationToken cancellationToken)
    {
        var provenance = JsonSerializer.Serialize(message.Provenance.Truncated(), FunctionsJsonContext.Default.DeadLetterProvenance);
        var properties = JsonSerializer.Serialize(message.Properties, FunctionsJsonContext.Default.IReadOnlyDictionaryStringString);
        var (body, encoding) = EncodeBody(message.Body.Span);
        var entry = NewEntry(id, body, encoding, provenance, properties, message);
        var bytes = SqsEntry.MeasureBytes(body, entry.MessageAttributes);
        if (bytes <= _options.MaxMessageBytes)
        {
            return new SqsEntry(entry, bytes, message);
        }

        if (_options.Bucket is null || _s3 is null)
        {
            failures.Add(new DeadLetterFailure(message,
                $"the dead letter is {bytes} bytes, over the queue's {_options.MaxMessageBytes}-byte limit, and DEAD_LETTER_BUCKET is not set to hold it"));
            return null;
        }

        var key = S3Key(message.Provenance);
        if (!await TryPutAsync(_s3, _options.Bucket, key, message.Body, message, failures, cancellationToken))
        {
            return null;
        }

        _logger.DeadLetterBodyOffloaded(message.Provenance.MessageId, message.Body.Length, _options.Bucket, key);
        var pointer = new S3Pointer(_options.Bucket, key, message.Body.Length);
        var pointerJson = JsonSerializer.Serialize(pointer, FunctionsJsonContext.Default.S3Pointer);
        entry = NewEntry(id, pointerJson, DeadLetterAttributes.S3, provenance, properties, message);
        bytes = SqsEntry.MeasureBytes(pointerJson, entry.MessageAttributes);
        if (bytes <= _options.MaxMessageBytes)
        {
            return new SqsEntry(entry, bytes, message);
        }

        var propertiesKey = key + ".properties.json";
        var propertiesBytes = Encoding.UTF8.GetBytes(properties);
        if (!await TryPutAsync(_s3, _options.Bucket, propertiesKey, propertiesBytes, message, failures, cancellationToken))
        {
            return null;
        }

        _logger.DeadLetterPropertiesOffloaded(message.Provenance.MessageId, propertiesBytes.Length, _options.Bucket, propertiesKey);
        pointerJson = JsonSerializer.Serialize(pointer with { PropertiesKey = propertiesKey }, FunctionsJsonContext.Default.S3Pointer);
        entry = NewEntry(id, pointerJson, DeadLetterAttributes.S3, provenance, properties: null, message);
        return new SqsEntry(entry, SqsEntry.MeasureBytes(pointerJson, entry.MessageAttributes), message);
    }

    /// <summary>Stores <paramref name="content"/> as s3://bucket/key; false (with the failure added) when S3 refused.</summary>
    private static async Task<bool> TryPutAsync(IAmazonS3 s3, string bucket, string key, ReadOnlyMemory<byte> content, DeadLetterMessage message,
        List<DeadLetterFailure> failures, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                InputStream = stream,
                ContentType = "application/octet-stream",
            }, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is AmazonS3Exception or HttpRequestException or IOException or Amazon.Runtime.AmazonClientException)
        {
            failures.Add(new DeadLetterFailure(message, $"storing {content.Length} bytes in s3://{bucket}/{key} failed: {ex.Message}"));
            return false;
        }
    }

    /// <summary>
    /// The SQS body for <paramref name="body"/> and how it is encoded: base64 unless it is SQS-safe UTF-8, and a
    /// placeholder for an empty body (SQS refuses an empty one).
    /// </summary>
    private static (string Body, string Encoding) EncodeBody(ReadOnlySpan<byte> body) =>
        body.IsEmpty ? (DeadLetterAttributes.EmptyBody, DeadLetterAttributes.Empty)
        : SqsLimits.IsSqsSafeUtf8(body) ? (Encoding.UTF8.GetString(body), DeadLetterAttributes.Utf8)
        : (Convert.ToBase64String(body), DeadLetterAttributes.Base64);

    private SendMessageBatchRequestEntry NewEntry(string id, string body, string encoding, string provenance, string? properties, DeadLetterMessage message)
    {
        var entry = new SendMessageBatchRequestEntry
        {
            Id = id,
            MessageBody = body,
            MessageAttributes = new Dictionary<string, MessageAttributeValue>(StringComparer.Ordinal)
            {
                [DeadLetterAttributes.BodyEncoding] = new() { DataType = "String", StringValue = encoding },
                [DeadLetterAttributes.Provenance] = new() { DataType = "String", StringValue = provenance },
            },
        };
        if (properties is not null)
        {
            entry.MessageAttributes[DeadLetterAttributes.Properties] = new() { DataType = "String", StringValue = properties };
        }

        if (_fifo)
        {
            // FIFO queues need a group; the dedup id makes a resend after a lost response harmless.
            // Group ids allow 1-128 ASCII letters, digits and punctuation: a queue name with anything else is not used.
            entry.MessageGroupId = message.Provenance.Queue is { Length: > 0 and <= 128 } queue && queue.All(c => c is > ' ' and <= '~')
                ? queue
                : "dead-letters";
            entry.MessageDeduplicationId = Hash(message.Provenance.OriginalId, message.Provenance.MessageId);
        }

        return entry;
    }

    /// <summary>A deterministic key, so that a redelivered batch overwrites its earlier copy instead of adding one.</summary>
    private static string S3Key(DeadLetterProvenance provenance)
    {
        var readable = new StringBuilder();
        foreach (var c in provenance.OriginalId ?? provenance.MessageId ?? "no-id")
        {
            readable.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
            if (readable.Length == 100)
            {
                break;
            }
        }

        return $"dead-letters/{readable}/{Hash(provenance.OriginalId, provenance.MessageId)[..16]}";
    }

    private static string Hash(string? originalId, string? messageId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{originalId}\n{messageId}")));
}
