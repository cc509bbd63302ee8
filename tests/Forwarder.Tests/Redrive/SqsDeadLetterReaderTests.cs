using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS.Model;
using Contract.DeadLetters;
using Forwarder.Redrive;

namespace Forwarder.Tests.Redrive;

public sealed class SqsDeadLetterReaderTests : IDisposable
{
    // Never called: these dead letters carry their body in SQS.
    private readonly AmazonS3Client _s3 = new(new BasicAWSCredentials("x", "y"), new AmazonS3Config { ServiceURL = "http://127.0.0.1:1", ForcePathStyle = true });

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task ReadAsync_TextWithSupplementaryCharacter_ModifiedUtf8WithoutContentLength()
    {
        var message = DeadLetter(DeadLetterAttributes.Utf8, "rocket 🚀", "jms/text-message");

        var redrive = await new SqsDeadLetterReader(_s3).ReadAsync(message, null, TestContext.Current.CancellationToken);

        Assert.False(redrive.WithContentLength);
        Assert.Equal("rocket "u8.ToArray().Concat(new byte[] { 0xED, 0xA0, 0xBD, 0xED, 0xBA, 0x80 }), redrive.Body.ToArray());
        Assert.Equal("orders", redrive.Candidate.Queue);
        Assert.Equal("/queue/orders", redrive.Destination);
    }

    [Fact]
    public async Task ReadAsync_Bytes_Base64DecodedWithContentLengthAndHeadersRestored()
    {
        var message = DeadLetter(DeadLetterAttributes.Base64, Convert.ToBase64String([0, 0xFF, 0x10]), "jms/bytes-message");

        var redrive = await new SqsDeadLetterReader(_s3).ReadAsync(message, "orders-b", TestContext.Current.CancellationToken);

        Assert.True(redrive.WithContentLength);
        Assert.Equal(new byte[] { 0, 0xFF, 0x10 }, redrive.Body.ToArray());
        Assert.Equal("orders-b", redrive.Candidate.Queue);
        Assert.Equal("ID:onprem-1:1:1:1:3", redrive.Candidate.OriginId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795609128546), redrive.Candidate.SentAt);
        Assert.Equal(
            [
                new("correlation-id", "c1"), new("priority", "7"), new("timestamp", "1795609128546"), new("fwd_origin_id", "ID:onprem-1:1:1:1:3"),
                new("fwd_origin_queue", "Orders"), new("pString", "ü"), new("fwd_redrive_count", "2"), new("persistent", "true"),
            ],
            redrive.Headers);
    }

    [Fact]
    public async Task ReadAsync_NoProvenance_IsRefused() =>
        await Assert.ThrowsAsync<FormatException>(() => new SqsDeadLetterReader(_s3).ReadAsync(
            new Message { MessageId = "m", Body = "x", MessageAttributes = [] }, null, TestContext.Current.CancellationToken));

    private static Message DeadLetter(string encoding, string body, string messageType) => new()
    {
        MessageId = "sqs-1",
        Body = body,
        MessageAttributes = new Dictionary<string, MessageAttributeValue>
        {
            [DeadLetterAttributes.BodyEncoding] = new() { DataType = "String", StringValue = encoding },
            [DeadLetterAttributes.Provenance] = new()
            {
                DataType = "String",
                StringValue = $$"""{"correlationId":"c1","messageType":"{{messageType}}","replyTo":"null","priority":7,"expiration":"1795612728546","timestamp":"1795609128546","messageId":"ID:cloud-1:1:1:1:5","originalId":"ID:onprem-1:1:1:1:3","queue":"orders","errorType":"Poison","errorMessage":"bad","time":"2026-12-05T12:00:00+00:00"}""",
            },
            [DeadLetterAttributes.Properties] = new()
            {
                DataType = "String",
                StringValue = """{"fwd_origin_id":"ID:onprem-1:1:1:1:3","fwd_origin_queue":"Orders","pString":"\u00fc","fwd_redrive_count":"1","fwd_park_reason":"x"}""",
            },
        },
    };
}
