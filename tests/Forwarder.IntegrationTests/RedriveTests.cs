using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Amazon.SQS.Model;
using Contract.DeadLetters;
using Harness.Moto;
using Testing.Moto;

namespace Forwarder.IntegrationTests;

/// <summary>
/// <c>forwarder redrive</c> on real brokers and moto: each source back to its queue, the body byte for byte and of
/// its kind, the redrive count one up, no expiry, and nothing left behind in the dead-letter store.
/// </summary>
[Collection(BrokerPairDefinition.Name)]
public sealed class RedriveTests(BrokerPairFixture pair, MotoFixture moto) : IClassFixture<MotoFixture>
{
    // "rocket 🚀" as ActiveMQ writes a TextMessage: the supplementary character as a CESU-8 surrogate pair.
    private static readonly byte[] ModifiedUtf8Text = [.. "rocket "u8, 0xED, 0xA0, 0xBD, 0xED, 0xBA, 0x80];

    private static readonly byte[] Bytes = [0x00, 0xFF, 0x10, 0x00];

    [Fact]
    public async Task Dlq_DeadLettersOnCloud_BackToQueueOnceWithCountAndNoExpiry()
    {
        var queue = BrokerPairFixture.UniqueQueue("RedriveDlq");
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        await using (var client = await pair.Cloud.ConnectStompAsync(Ct))
        {
            await client.SendAsync("/queue/DLQ." + queue, [new("persistent", "true"), new("expires", expires), new("seq", "0")], ModifiedUtf8Text, cancellationToken: Ct);
            await client.SendAsync("/queue/DLQ." + queue, [new("persistent", "true"), new("seq", "1"), new("fwd_redrive_count", "2")], Bytes,
                new StompSendOptions { ContentLength = true }, Ct);
            await client.SendAsync("/queue/DLQ." + queue, [new("persistent", "true"), new("seq", "2")], "third"u8.ToArray(), cancellationToken: Ct);
        }

        var dry = await RedriveAsync(["dlq", "--queue", queue, "--dry-run", .. CloudLogin()]);
        Assert.Contains("redrive: dry run: 3 message(s) would move", dry.StdOut, StringComparison.Ordinal);
        Assert.Equal(3, await pair.Cloud.Queues.CountAsync("DLQ." + queue, Ct));

        var originalIds = (await pair.Cloud.Queues.BrowseAsync("DLQ." + queue, Ct)).ToDictionary(m => m.Headers["seq"], m => m.MessageId);
        var one = await RedriveAsync(["dlq", "--queue", queue, "--id", originalIds["2"], .. CloudLogin()]);
        Assert.Contains("redrive: moved 1 message(s) from DLQ." + queue, one.StdOut, StringComparison.Ordinal);
        var rest = await RedriveAsync(["dlq", "--queue", queue, .. CloudLogin()]);
        Assert.Contains("redrive: moved 2 message(s) from DLQ." + queue, rest.StdOut, StringComparison.Ordinal);

        var moved = (await pair.Cloud.Queues.DrainAsync(queue, 10, TimeSpan.FromSeconds(3), Ct)).ToDictionary(m => m.Headers["seq"]);
        Assert.Equal(3, moved.Count);
        Assert.Equal(0, await pair.Cloud.Queues.CountAsync("DLQ." + queue, Ct));
        Assert.Equal(ModifiedUtf8Text, moved["0"].Body.ToArray());
        Assert.False(moved["0"].HasContentLength);
        Assert.Equal(Bytes, moved["1"].Body.ToArray());
        Assert.True(moved["1"].HasContentLength);
        Assert.Equal("0", moved["0"].Headers.GetValueOrDefault("expires") ?? "0");
        Assert.Equal(["1", "3", "1"], [moved["0"].Headers["fwd_redrive_count"], moved["1"].Headers["fwd_redrive_count"], moved["2"].Headers["fwd_redrive_count"]]);
        foreach (var (seq, message) in moved)
        {
            Assert.Equal(originalIds[seq], message.Headers["fwd_origin_id"]);
            Assert.Equal(queue, message.Headers["fwd_origin_queue"]);
            Assert.Equal("true", message.Headers["persistent"]);
        }
    }

    [Fact]
    public async Task Parking_ParkedOnPrem_BackToOriginQueueWithoutParkBookkeeping()
    {
        var queue = BrokerPairFixture.UniqueQueue("RedrivePark");
        await using (var client = await pair.OnPrem.ConnectStompAsync(Ct))
        {
            for (var i = 0; i < 3; i++)
            {
                await client.SendAsync("/queue/DLQ." + queue,
                [
                    new("persistent", "true"), new("seq", i.ToString(CultureInfo.InvariantCulture)), new("fwd_origin_id", $"ID:onprem-{i}:1:1:1:1"),
                    new("fwd_origin_queue", queue), new("fwd_park_reason", "refused by the target"), new("fwd_original_expires", "1795612728546"),
                ], Encoding.UTF8.GetBytes($"parked-{i}"), cancellationToken: Ct);
            }
        }

        var result = await RedriveAsync(["parking", "--broker", pair.OnPrem.StompUri.ToString(), "--queue", queue, "--max", "2", "--progress-every", "1"]);

        Assert.Contains("redrive: 2 moved", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(1, await pair.OnPrem.Queues.CountAsync("DLQ." + queue, Ct));
        var moved = await pair.OnPrem.Queues.DrainAsync(queue, 10, TimeSpan.FromSeconds(3), Ct);
        Assert.Equal(2, moved.Count);
        foreach (var m in moved)
        {
            Assert.Equal("parked-" + m.Headers["seq"], Messages.Text(m));
            Assert.Equal($"ID:onprem-{m.Headers["seq"]}:1:1:1:1", m.Headers["fwd_origin_id"]);
            Assert.Equal("1", m.Headers["fwd_redrive_count"]);
            Assert.False(m.Headers.Contains("fwd_park_reason"));
            Assert.False(m.Headers.Contains("fwd_original_expires"));
        }
    }

    [Fact]
    public async Task Sqs_DeadLettersWithS3Body_BackToCloudQueueAndDeleted()
    {
        using var sqs = new AmazonSQSClient(new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey),
            new AmazonSQSConfig { ServiceURL = moto.Server.Endpoint.ToString(), AuthenticationRegion = MotoServer.Region });
        using var s3 = new AmazonS3Client(new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey),
            new AmazonS3Config { ServiceURL = moto.Server.Endpoint.ToString(), AuthenticationRegion = MotoServer.Region, ForcePathStyle = true });
        var queue = BrokerPairFixture.UniqueQueue("RedriveSqs");
        var url = (await sqs.CreateQueueAsync($"dlq-{Guid.NewGuid():N}", Ct)).QueueUrl;
        var bucket = $"bodies-{Guid.NewGuid():N}";
        await s3.PutBucketAsync(bucket, Ct);
        await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = bucket, Key = "big", InputStream = new MemoryStream(Bytes) }, Ct);
        await SendDeadLetterAsync(sqs, url, queue, 0, DeadLetterAttributes.Utf8, "rocket 🚀", "jms/text-message");
        await SendDeadLetterAsync(sqs, url, queue, 1, DeadLetterAttributes.Base64, Convert.ToBase64String("nul \0 inside"u8), "jms/text-message");
        await SendDeadLetterAsync(sqs, url, queue, 2, DeadLetterAttributes.S3, $$"""{"bucket":"{{bucket}}","key":"big","size":4}""", "jms/bytes-message");

        var environment = new Dictionary<string, string>(moto.Server.ClientEnvironment)
        {
            ["AWS_ENDPOINT_URL_SQS"] = moto.Server.Endpoint.ToString().TrimEnd('/'),
            ["AWS_ENDPOINT_URL_S3"] = moto.Server.Endpoint.ToString().TrimEnd('/'),
        };
        var dry = await RedriveAsync(["sqs", "--queue-url", url, "--dry-run", .. CloudLogin()], environment);
        Assert.Contains("redrive: dry run: 3 message(s) would move", dry.StdOut, StringComparison.Ordinal);
        var result = await RedriveAsync(["sqs", "--queue-url", url, .. CloudLogin()], environment);

        Assert.Contains("redrive: moved 3 message(s)", result.StdOut, StringComparison.Ordinal);
        var moved = (await pair.Cloud.Queues.DrainAsync(queue, 10, TimeSpan.FromSeconds(3), Ct)).ToDictionary(m => m.Headers["seq"]);
        Assert.Equal(3, moved.Count);
        Assert.Equal(ModifiedUtf8Text, moved["0"].Body.ToArray());
        Assert.Equal([.. "nul "u8, 0xC0, 0x80, .. " inside"u8], moved["1"].Body.ToArray());
        Assert.Equal(Bytes, moved["2"].Body.ToArray());
        Assert.Equal([false, false, true], [moved["0"].HasContentLength, moved["1"].HasContentLength, moved["2"].HasContentLength]);
        Assert.All(moved.Values, m => Assert.Equal("1", m.Headers["fwd_redrive_count"]));
        Assert.All(moved.Values, m => Assert.Equal("c-" + m.Headers["seq"], m.Headers["correlation-id"]));
        Assert.All(moved.Values, m => Assert.Equal("ID:onprem-" + m.Headers["seq"] + ":1:1:1:1", m.Headers["fwd_origin_id"]));
        var left = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 1 }, Ct);
        Assert.Empty(left.Messages ?? []);
    }

    private static Task<SendMessageResponse> SendDeadLetterAsync(AmazonSQSClient sqs, string url, string queue, int seq, string encoding, string body, string messageType) =>
        sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = url,
            MessageBody = body,
            MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                [DeadLetterAttributes.BodyEncoding] = new() { DataType = "String", StringValue = encoding },
                [DeadLetterAttributes.Provenance] = new()
                {
                    DataType = "String",
                    StringValue = $$"""{"correlationId":"c-{{seq}}","messageType":"{{messageType}}","priority":4,"timestamp":"1795609128546","messageId":"ID:cloud-{{seq}}:1:1:1:1","originalId":"ID:onprem-{{seq}}:1:1:1:1","queue":"{{queue}}","errorType":"Poison","errorMessage":"bad","time":"2026-12-05T12:00:00+00:00"}""",
                },
                [DeadLetterAttributes.Properties] = new() { DataType = "String", StringValue = $$"""{"seq":"{{seq}}","fwd_origin_id":"ID:onprem-{{seq}}:1:1:1:1"}""" },
            },
        }, Ct);

    private string[] CloudLogin() =>
        ["--broker", pair.Cloud.StompUri.ToString(), "--user", BrokerPairFixture.CloudUser];

    private static async Task<ProcessResult> RedriveAsync(string[] arguments, Dictionary<string, string>? environment = null)
    {
        var env = new Dictionary<string, string>(environment ?? []) { [Cli.RedriveOptions.PasswordVariable] = BrokerPairFixture.CloudPassword };
        var result = await AgentProcess.RunAsync(["redrive", .. arguments], env, Ct);
        Assert.True(result.ExitCode == 0, $"redrive {string.Join(' ', arguments)} exited {result.ExitCode}\n{result.StdOut}\n{result.StdErr}");
        return result;
    }
}
