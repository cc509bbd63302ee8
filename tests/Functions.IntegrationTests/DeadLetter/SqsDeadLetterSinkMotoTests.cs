using Contract.DeadLetters;
using Functions.Tests.DeadLetter;
using Microsoft.Extensions.Logging.Abstractions;

namespace Functions.IntegrationTests.DeadLetter;

/// <summary>Dead letters really land in SQS (and S3) on moto, byte for byte.</summary>
public sealed class SqsDeadLetterSinkMotoTests(MotoFixture moto) : IClassFixture<MotoFixture>, IDisposable
{
    private readonly AmazonSQSClient _sqs = MotoClients.Sqs(moto.Server);
    private readonly AmazonS3Client _s3 = MotoClients.S3(moto.Server);
    public void Dispose()
    {
        _sqs.Dispose();
        _s3.Dispose();
    }

    [Fact]
    public async Task SendAsync_TextBinaryAndIllegalBodies_ArriveByteExactWithProvenanceAndProperties()
    {
        var queueUrl = await AwsResources.CreateQueueAsync(_sqs, MotoClients.Unique("dlq"), Ct);
        byte[][] bodies =
        [
            Encoding.UTF8.GetBytes("{\"orderId\":\"ORD-1\"}\r\nGrüße 😀"),
            [0x00, 0x01, 0x02, 0x03, 0xFE, 0xFF, 0x80, 0x7F, 0x0A, 0x0D],
            Encoding.UTF8.GetBytes("text with a NUL \0 inside"),
            [],
        ];
        var properties = new Dictionary<string, string> { ["big"] = "9007199254740993", ["plant"] = "Köln 工場 😀", ["line"] = "a:b\r\n\0c" };
        var letters = bodies.Select((b, i) => new DeadLetterMessage(b, Provenance($"ID:{i}"), properties)).ToList();

        var failures = await Sink(queueUrl, bucket: null).SendAsync(letters, Ct);

        Assert.Empty(failures);
        var received = await AwsResources.ReceiveAsync(_sqs, queueUrl, bodies.Length, Ct);
        Assert.Equal(bodies.Length, received.Count);
        foreach (var message in received)
        {
            using var provenance = JsonDocument.Parse(message.MessageAttributes["provenance"].StringValue);
            var index = int.Parse(provenance.RootElement.GetProperty("messageId").GetString()!["ID:".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var encoding = message.MessageAttributes["body-encoding"].StringValue;
            var bytes = encoding switch
            {
                "base64" => Convert.FromBase64String(message.Body),
                "empty" => [],
                _ => Encoding.UTF8.GetBytes(message.Body),
            };
            Assert.Equal(bodies[index], bytes);
            Assert.Equal(index switch { 0 => "utf-8", 3 => "empty", _ => "base64" }, encoding);
            Assert.Equal("invalid order", provenance.RootElement.GetProperty("errorMessage").GetString());
            Assert.Equal("ORIG-1", provenance.RootElement.GetProperty("originalId").GetString());
            var receivedProperties = JsonSerializer.Deserialize(message.MessageAttributes["properties"].StringValue, FunctionsJsonContext.Default.IReadOnlyDictionaryStringString)!;
            Assert.Equal(properties.OrderBy(p => p.Key, StringComparer.Ordinal), receivedProperties.OrderBy(p => p.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task SendAsync_BodyOver256KiB_StoredInS3WithPointerInSqs()
    {
        var queueUrl = await AwsResources.CreateQueueAsync(_sqs, MotoClients.Unique("dlq"), Ct);
        var bucket = MotoClients.Unique("dead-letters");
        await AwsResources.CreateBucketAsync(_s3, bucket, Ct);
        var body = new byte[400_000];
        new Random(7).NextBytes(body);

        var failures = await Sink(queueUrl, bucket).SendAsync([new DeadLetterMessage(body, Provenance("ID:big"), new Dictionary<string, string>())], Ct);

        Assert.Empty(failures);
        var message = Assert.Single(await AwsResources.ReceiveAsync(_sqs, queueUrl, 1, Ct));
        Assert.Equal("s3", message.MessageAttributes["body-encoding"].StringValue);
        var pointer = JsonSerializer.Deserialize(message.Body, FunctionsJsonContext.Default.S3Pointer)!;
        Assert.Equal((bucket, 400_000L), (pointer.Bucket, pointer.Size));
        using var stored = await _s3.GetObjectAsync(bucket, pointer.Key, Ct);
        using var copy = new MemoryStream();
        await stored.ResponseStream.CopyToAsync(copy, Ct);
        Assert.Equal(body, copy.ToArray());
    }

    [Fact]
    public async Task SendAsync_QueueDoesNotExist_ReportsEveryMessageAsFailed()
    {
        var missing = new Uri(moto.Server.Endpoint, "123456789012/no-such-queue");
        var letters = new[] { new DeadLetterMessage(Encoding.UTF8.GetBytes("a"), Provenance("ID:1"), new Dictionary<string, string>()) };

        var failures = await Sink(missing.ToString(), bucket: null).SendAsync(letters, Ct);

        var failure = Assert.Single(failures);
        Assert.Same(letters[0], failure.Message);
        Assert.Contains("SendMessageBatch failed", failure.Reason, StringComparison.Ordinal);
    }

    private SqsDeadLetterSink Sink(string queueUrl, string? bucket) => new(
        _sqs, _s3, new DeadLetterOptions { QueueUrl = new Uri(queueUrl), Bucket = bucket, RetryDelay = TimeSpan.FromMilliseconds(10) },
        TimeProvider.System, NullLogger<SqsDeadLetterSink>.Instance);

    private static DeadLetterProvenance Provenance(string messageId) => SampleProvenance.Create() with { MessageId = messageId };
}
