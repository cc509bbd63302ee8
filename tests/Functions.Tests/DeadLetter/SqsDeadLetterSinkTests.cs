using Contract.DeadLetters;
namespace Functions.Tests.DeadLetter;

public sealed class SqsDeadLetterSinkTests : IDisposable
{
    private static readonly Dictionary<string, string> NoProperties = [];

    private readonly FakeSqsClient _sqs = new();
    private readonly FakeS3Client _s3 = new();

    public void Dispose()
    {
        _sqs.Dispose();
        _s3.Dispose();
    }

    [Fact]
    public async Task SendAsync_SqsSafeText_SentAsIsWithUtf8Encoding()
    {
        var failures = await Sink().SendAsync([Letter("Grüße\r\n{\"a\":1}")], Ct);

        Assert.Empty(failures);
        var entry = Assert.Single(Assert.Single(_sqs.Requests).Entries);
        Assert.Equal("Grüße\r\n{\"a\":1}", entry.MessageBody);
        Assert.Equal("utf-8", entry.MessageAttributes["body-encoding"].StringValue);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01, 0x02, 0xFF })]
    [InlineData(new byte[] { 0x41, 0x00 })]
    [InlineData(new byte[] { 0xEF, 0xBF, 0xBF })]
    public async Task SendAsync_NotSqsSafe_SentAsBase64AndSaysSo(byte[] body)
    {
        await Sink().SendAsync([new DeadLetterMessage(body, SampleProvenance.Create(), NoProperties)], Ct);

        var entry = Assert.Single(Assert.Single(_sqs.Requests).Entries);
        Assert.Equal("base64", entry.MessageAttributes["body-encoding"].StringValue);
        Assert.Equal(body, Convert.FromBase64String(entry.MessageBody));
    }

    [Fact]
    public async Task SendAsync_EmptyBody_PlaceholderAndSaysSo()
    {
        await Sink().SendAsync([new DeadLetterMessage(ReadOnlyMemory<byte>.Empty, SampleProvenance.Create(), NoProperties)], Ct);

        var entry = Assert.Single(Assert.Single(_sqs.Requests).Entries);
        Assert.Equal(("empty", "(empty body)"), (entry.MessageAttributes["body-encoding"].StringValue, entry.MessageBody));
    }

    [Fact]
    public async Task SendAsync_Provenance_OneAsciiJsonAttributeWithEveryField()
    {
        var provenance = SampleProvenance.Create() with { ErrorMessage = "bad \0 char \uD800 and ü " + new string('x', 5000) };

        await Sink().SendAsync([new DeadLetterMessage(Encoding.UTF8.GetBytes("x"), provenance, NoProperties)], Ct);

        var entry = Assert.Single(Assert.Single(_sqs.Requests).Entries);
        Assert.Equal(["body-encoding", "properties", "provenance"], entry.MessageAttributes.Keys.Order(StringComparer.Ordinal));
        var json = entry.MessageAttributes["provenance"].StringValue;
        Assert.All(json, c => Assert.InRange(c, ' ', '~'));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("ID:1", root.GetProperty("messageId").GetString());
        Assert.Equal("ORIG-1", root.GetProperty("originalId").GetString());
        Assert.Equal("orders", root.GetProperty("queue").GetString());
        Assert.Equal("arn:aws:mq:us-east-1:1:broker:b:b-1", root.GetProperty("brokerArn").GetString());
        Assert.Equal("corr-1", root.GetProperty("correlationId").GetString());
        Assert.Equal(2, root.GetProperty("deliveryMode").GetInt32());
        Assert.Equal(("jms/text-message", "OrderV2", "queue://REPLIES", 7, "1764064860000", "1764064800001"), (
            root.GetProperty("messageType").GetString(), root.GetProperty("type").GetString(), root.GetProperty("replyTo").GetString(),
            root.GetProperty("priority").GetInt32(), root.GetProperty("expiration").GetString(), root.GetProperty("timestamp").GetString()));
        Assert.True(root.GetProperty("redelivered").GetBoolean());
        Assert.Equal("Poison", root.GetProperty("errorType").GetString());
        Assert.Equal("orders", root.GetProperty("handler").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero), root.GetProperty("time").GetDateTimeOffset());
        var error = root.GetProperty("errorMessage").GetString()!;
        Assert.Equal(DeadLetterProvenance.MaxErrorMessageLength, error.Length);
        Assert.EndsWith("…", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ManyMessages_ChunkedWithinSqsLimits()
    {
        var letters = Enumerable.Range(0, 23).Select(i => Letter(new string('a', 40_000), $"ID:{i}")).ToList();

        var failures = await Sink().SendAsync(letters, Ct);

        Assert.Empty(failures);
        Assert.Equal(23, _sqs.Requests.Sum(r => r.Entries.Count));
        Assert.True(_sqs.Requests.Count >= 4, "40 KB entries need at least four requests of at most 256 KiB");
        Assert.Equal(23, _sqs.Requests.SelectMany(r => r.Entries).Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task SendAsync_BodyTooLargeWithoutBucket_ReportedNotDropped()
    {
        var failures = await Sink(bucket: null).SendAsync([Letter(new string('a', 262_144))], Ct);

        var failure = Assert.Single(failures);
        Assert.Contains("DEAD_LETTER_BUCKET is not set", failure.Reason, StringComparison.Ordinal);
        Assert.Empty(_sqs.Requests);
    }

    [Fact]
    public async Task SendAsync_BodyTooLarge_StoredInS3WithPointer()
    {
        var body = new byte[300_000];
        Random.Shared.NextBytes(body);

        var failures = await Sink().SendAsync([new DeadLetterMessage(body, SampleProvenance.Create(), NoProperties)], Ct);

        Assert.Empty(failures);
        var entry = Assert.Single(Assert.Single(_sqs.Requests).Entries);
        Assert.Equal("s3", entry.MessageAttributes["body-encoding"].StringValue);
        var pointer = JsonSerializer.Deserialize(entry.MessageBody, FunctionsJsonContext.Default.S3Pointer)!;
        Assert.Equal(("dead-letters-bucket", 300_000L), (pointer.Bucket, pointer.Size));
        Assert.Equal(body, _s3.Objects[$"dead-letters-bucket/{pointer.Key}"]);
        Assert.StartsWith("dead-letters/ORIG-1/", pointer.Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_BodyFitsOnlyWithoutAttributes_GoesToS3()
    {
        // 262,144 bytes of body leave no room for the attributes, which count towards the limit.
        await Sink().SendAsync([Letter(new string('a', 262_100))], Ct);

        Assert.Equal("s3", Assert.Single(Assert.Single(_sqs.Requests).Entries).MessageAttributes["body-encoding"].StringValue);
    }

    [Fact]
    public async Task SendAsync_EntryRejectedOnce_SentAgain()
    {
        _sqs.Reject = (entry, attempt) => entry.Id == "m1" && attempt == 1 ? "InternalError" : null;

        var failures = await Sink().SendAsync([Letter("a", "ID:0"), Letter("b", "ID:1"), Letter("c", "ID:2")], Ct);

        Assert.Empty(failures);
        Assert.Equal(2, _sqs.Requests.Count);
        Assert.Equal("m1", Assert.Single(_sqs.Requests[1].Entries).Id);
    }

    [Fact]
    public async Task SendAsync_EntryAlwaysRejected_ReturnedAfterMaxAttempts()
    {
        _sqs.Reject = (entry, _) => entry.Id == "m0" ? "KmsThrottled" : null;
        var letters = new[] { Letter("a", "ID:0"), Letter("b", "ID:1") };

        var failures = await Sink().SendAsync(letters, Ct);

        var failure = Assert.Single(failures);
        Assert.Same(letters[0], failure.Message);
        Assert.Contains("KmsThrottled", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(3, _sqs.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_FifoQueue_SetsGroupAndDeduplicationIds()
    {
        await Sink(queueUrl: "https://sqs.us-east-1.amazonaws.com/1/dlq.fifo").SendAsync([Letter("a")], Ct);

        var entry = Assert.Single(Assert.Single(_sqs.Requests).Entries);
        Assert.Equal("orders", entry.MessageGroupId);
        Assert.Equal(64, entry.MessageDeduplicationId.Length);
    }

    [Fact]
    public async Task SendAsync_FifoQueueAndQueueNameWithSpace_DefaultGroupId()
    {
        var letter = new DeadLetterMessage(Encoding.UTF8.GetBytes("a"), SampleProvenance.Create() with { Queue = "legacy orders" }, NoProperties);

        await Sink(queueUrl: "https://sqs.us-east-1.amazonaws.com/1/dlq.fifo").SendAsync([letter], Ct);

        Assert.Equal("dead-letters", Assert.Single(Assert.Single(_sqs.Requests).Entries).MessageGroupId);
    }

    [Fact]
    public async Task SendAsync_Properties_AsciiJsonAttributeWithExactStrings()
    {
        var properties = new Dictionary<string, string>
        {
            ["big"] = "9007199254740993",
            ["ratio"] = "0.1",
            ["plant"] = "Köln-Süd 工場 🏭",
            ["line"] = "a:b\r\nc\td \"q\" <&> \\",
            ["ns:key ü"] = "",
            [Contract.ProvenanceProperties.OriginId] = "ID:legacy-1:1:1:1:7",
        };

        await Sink().SendAsync([Letter("x", properties: properties)], Ct);

        var json = Assert.Single(Assert.Single(_sqs.Requests).Entries).MessageAttributes["properties"].StringValue;
        Assert.All(json, c => Assert.InRange(c, ' ', '~'));
        var roundTrip = JsonSerializer.Deserialize(json, FunctionsJsonContext.Default.IReadOnlyDictionaryStringString)!;
        Assert.Equal(properties.OrderBy(p => p.Key, StringComparer.Ordinal), roundTrip.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendAsync_NoProperties_EmptyJsonObject()
    {
        await Sink().SendAsync([Letter("x")], Ct);

        Assert.Equal("{}", Assert.Single(Assert.Single(_sqs.Requests).Entries).MessageAttributes["properties"].StringValue);
    }

    [Fact]
    public async Task SendAsync_BodyFitsOnlyWithoutProperties_BodyToS3PropertiesStayInSqs()
    {
        // 200,000 + 100,000 bytes: each fits alone, together they are over 262,144 — properties count towards the limit.
        var properties = new Dictionary<string, string> { ["note"] = new string('p', 100_000) };

        var failures = await Sink().SendAsync([Letter(new string('a', 200_000), properties: properties)], Ct);

        Assert.Empty(failures);
        var entry = Assert.Single(Assert.Single(_sqs.Requests).Entries);
        Assert.Equal("s3", entry.MessageAttributes["body-encoding"].StringValue);
        var pointer = JsonSerializer.Deserialize(entry.MessageBody, FunctionsJsonContext.Default.S3Pointer)!;
        Assert.Null(pointer.PropertiesKey);
        Assert.DoesNotContain("propertiesKey", entry.MessageBody, StringComparison.Ordinal);
        Assert.Equal(new string('a', 200_000), Encoding.UTF8.GetString(_s3.Objects[$"dead-letters-bucket/{pointer.Key}"]));
        var sqsProperties = JsonSerializer.Deserialize(entry.MessageAttributes["properties"].StringValue, FunctionsJsonContext.Default.IReadOnlyDictionaryStringString)!;
        Assert.Equal(properties["note"], sqsProperties["note"]);
        Assert.InRange(SqsEntry.MeasureBytes(entry.MessageBody, entry.MessageAttributes), 100_000, 262_144);
    }

    [Fact]
    public async Task SendAsync_PropertiesTooLargeForSqs_BodyAndPropertiesToS3()
    {
        // Non-ASCII is escaped to \uXXXX (6 bytes per character): 50,000 of them are 300,000 bytes of attribute.
        var properties = new Dictionary<string, string> { ["note"] = new string('ü', 50_000), ["seq"] = "7" };

        var failures = await Sink().SendAsync([Letter("small body", properties: properties)], Ct);

        Assert.Empty(failures);
        var entry = Assert.Single(Assert.Single(_sqs.Requests).Entries);
        Assert.Equal("s3", entry.MessageAttributes["body-encoding"].StringValue);
        Assert.False(entry.MessageAttributes.ContainsKey("properties"));
        var pointer = JsonSerializer.Deserialize(entry.MessageBody, FunctionsJsonContext.Default.S3Pointer)!;
        Assert.Equal(pointer.Key + ".properties.json", pointer.PropertiesKey);
        Assert.Equal("small body", Encoding.UTF8.GetString(_s3.Objects[$"dead-letters-bucket/{pointer.Key}"]));
        var stored = JsonSerializer.Deserialize(_s3.Objects[$"dead-letters-bucket/{pointer.PropertiesKey}"], FunctionsJsonContext.Default.IReadOnlyDictionaryStringString)!;
        Assert.Equal(properties.OrderBy(p => p.Key, StringComparer.Ordinal), stored.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.True(SqsEntry.MeasureBytes(entry.MessageBody, entry.MessageAttributes) <= 262_144);
    }

    [Fact]
    public async Task SendAsync_PropertiesTooLargeWithoutBucket_ReportedNotDropped()
    {
        var properties = new Dictionary<string, string> { ["note"] = new string('p', 262_144) };

        var failures = await Sink(bucket: null).SendAsync([Letter("x", properties: properties)], Ct);

        Assert.Contains("DEAD_LETTER_BUCKET is not set", Assert.Single(failures).Reason, StringComparison.Ordinal);
        Assert.Empty(_sqs.Requests);
    }

    [Fact]
    public void MeasureBytes_CountsBodyAndAttributeNamesTypesAndValues()
    {
        var attributes = new Dictionary<string, MessageAttributeValue> { ["ab"] = new() { DataType = "String", StringValue = "ü" } };

        Assert.Equal(3 + 2 + 6 + 2, SqsEntry.MeasureBytes("abc", attributes));
    }

    private SqsDeadLetterSink Sink(string? bucket = "dead-letters-bucket", string queueUrl = "https://sqs.us-east-1.amazonaws.com/1/dlq") => new(
        _sqs, _s3,
        new DeadLetterOptions { QueueUrl = new Uri(queueUrl), Bucket = bucket, RetryDelay = TimeSpan.Zero },
        new FakeTimeProvider(), NullLogger<SqsDeadLetterSink>.Instance);

    private static DeadLetterMessage Letter(string body, string messageId = "ID:1", IReadOnlyDictionary<string, string>? properties = null) =>
        new(Encoding.UTF8.GetBytes(body), SampleProvenance.Create() with { MessageId = messageId }, properties ?? NoProperties);
}
