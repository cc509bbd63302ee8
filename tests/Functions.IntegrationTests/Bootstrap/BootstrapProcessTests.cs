using Contract.DeadLetters;
using Harness;
using LocalRuntime;

namespace Functions.IntegrationTests.Bootstrap;

/// <summary>
/// The published Native AOT <c>bootstrap</c> as its own process, on the local Runtime API server, with its AWS
/// clients on moto through the standard endpoint variables: what <c>sam local invoke</c> would run.
/// </summary>
public sealed class BootstrapProcessTests(MotoFixture moto) : IClassFixture<MotoFixture>, IDisposable
{
    private readonly AmazonSQSClient _sqs = MotoClients.Sqs(moto.Server);
    private readonly AmazonS3Client _s3 = MotoClients.S3(moto.Server);
    private readonly AmazonDynamoDBClient _dynamoDb = MotoClients.DynamoDb(moto.Server);
    public void Dispose()
    {
        _sqs.Dispose();
        _s3.Dispose();
        _dynamoDb.Dispose();
    }

    [Fact]
    public async Task Bootstrap_SampleEventsWithServiceEndpoints_OutcomesDeadLettersAndIdempotencyOnMoto()
    {
        var queueUrl = await AwsResources.CreateQueueAsync(_sqs, MotoClients.Unique("dlq"), Ct);
        var bucket = MotoClients.Unique("dead-letters");
        await AwsResources.CreateBucketAsync(_s3, bucket, Ct);
        var table = MotoClients.Unique("idempotency");
        await AwsResources.CreateTableAsync(_dynamoDb, table, Ct);
        var endpoint = moto.Server.Endpoint.ToString().TrimEnd('/');
        await using var server = await LocalRuntimeServer.StartAsync(Ct);
        await using var function = await StartAsync(server, new Dictionary<string, string>
        {
            ["_HANDLER"] = "bootstrap",
            ["DEAD_LETTER_QUEUE_URL"] = queueUrl,
            ["DEAD_LETTER_BUCKET"] = bucket,
            ["IDEMPOTENCY_TABLE"] = table,
            ["AWS_ENDPOINT_URL_SQS"] = endpoint,
            ["AWS_ENDPOINT_URL_S3"] = endpoint,
            ["AWS_ENDPOINT_URL_DYNAMODB"] = endpoint,
        });

        Assert.Equal((2, 2, 0, 0), Summary(await InvokeAsync(server, function, "activemq-order.json")));
        Assert.Equal((4, 1, 0, 3), Summary(await InvokeAsync(server, function, "activemq-poison.json")));
        Assert.Equal((1, 0, 1, 0), Summary(await InvokeAsync(server, function, "activemq-redelivered.json")));
        const string Skipped = "(original ID:legacy-host-41213-1764060000000-1:1:1:1:1001): already processed by an earlier delivery, skipped";
        Assert.Contains(Skipped, await function.WaitForOutputAsync(Skipped, TimeSpan.FromSeconds(10), Ct), StringComparison.Ordinal);
        Assert.Contains("1 processed, 0 skipped (already processed), 3 dead-lettered, 0 to retry", function.Output, StringComparison.Ordinal);

        var letters = await AwsResources.ReceiveAsync(_sqs, queueUrl, 3, Ct);
        Assert.Equal(3, letters.Count);
        var notBase64 = Assert.Single(letters, m => m.Body == "this is not base64!");
        using var provenance = JsonDocument.Parse(notBase64.MessageAttributes["provenance"].StringValue);
        Assert.StartsWith("data is not base64", provenance.RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal("ID:legacy-host-41213-1764060000000-1:1:1:1:2003", provenance.RootElement.GetProperty("originalId").GetString());
        Assert.Equal("orders", provenance.RootElement.GetProperty("handler").GetString());
        Assert.Contains(letters, m => m.Body == "plain text, not an order");

        // A body too large for SQS goes to S3 from the AOT binary too.
        var big = new string('x', 300_000);
        var result = await InvokeAsync(server, function, Encoding.UTF8.GetBytes(EventWith("ID:big-1", big)));
        Assert.Equal((1, 0, 0, 1), Summary(result));
        var pointerMessage = Assert.Single(await AwsResources.ReceiveAsync(_sqs, queueUrl, 1, Ct));
        Assert.Equal("s3", pointerMessage.MessageAttributes["body-encoding"].StringValue);
        var pointer = JsonSerializer.Deserialize(pointerMessage.Body, FunctionsJsonContext.Default.S3Pointer)!;
        using var stored = await _s3.GetObjectAsync(bucket, pointer.Key, Ct);
        using var reader = new StreamReader(stored.ResponseStream);
        Assert.Equal(big, await reader.ReadToEndAsync(Ct));
    }

    [Fact]
    public async Task Bootstrap_MalformedEvent_InvocationErrorThenKeepsServing()
    {
        var queueUrl = await AwsResources.CreateQueueAsync(_sqs, MotoClients.Unique("dlq"), Ct);
        await using var server = await LocalRuntimeServer.StartAsync(Ct);
        await using var function = await StartAsync(server, new Dictionary<string, string>
        {
            ["_HANDLER"] = "echo",
            ["DEAD_LETTER_QUEUE_URL"] = queueUrl,
            ["AWS_ENDPOINT_URL"] = moto.Server.Endpoint.ToString().TrimEnd('/'),
        });

        var error = await server.InvokeAsync("{\"eventSource\":\"aws:mq\",\"messages\":[{"u8.ToArray(), cancellationToken: Ct);

        Assert.Equal(InvocationStatus.Error, error.Status);
        Assert.Equal("Function.InvalidEvent", error.Error!.ErrorType);
        Assert.Contains("is not a valid Amazon MQ event", error.Error.ErrorMessage, StringComparison.Ordinal);

        Assert.Equal((2, 2, 0, 0), Summary(await InvokeAsync(server, function, "activemq-text.json")));
        Assert.Equal((1, 1, 0, 0), Summary(await InvokeAsync(server, function, "rabbitmq.json")));
    }

    [Fact]
    public async Task Bootstrap_DeadLetterQueueMissing_InvocationFailsWithBatchRetryNothingLost()
    {
        await using var server = await LocalRuntimeServer.StartAsync(Ct);
        await using var function = await StartAsync(server, new Dictionary<string, string>
        {
            ["_HANDLER"] = "orders",
            ["DEAD_LETTER_QUEUE_URL"] = new Uri(moto.Server.Endpoint, "123456789012/no-such-queue").ToString(),
            ["AWS_ENDPOINT_URL"] = moto.Server.Endpoint.ToString().TrimEnd('/'),
        });

        var result = await server.InvokeAsync(await EventAsync("activemq-poison.json"), cancellationToken: Ct);

        Assert.Equal(InvocationStatus.Error, result.Status);
        Assert.Equal("Function.BatchRetry", result.Error!.ErrorType);
        Assert.Contains("3 of 4 messages must be retried", result.Error.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope", "https://sqs.us-east-1.amazonaws.com/1/dlq", "_HANDLER 'nope' is not a known handler. Known handlers: orders, echo")]
    [InlineData("bootstrap", "", "DEAD_LETTER_QUEUE_URL is not set")]
    public async Task Bootstrap_BadSettings_InitErrorAndExit(string handler, string queueUrl, string expected)
    {
        await using var server = await LocalRuntimeServer.StartAsync(Ct);
        await using var function = BootstrapProcess.Start(await PublishedBootstrap.GetAsync(Ct), Environment(server, new Dictionary<string, string>
        {
            ["_HANDLER"] = handler,
            ["DEAD_LETTER_QUEUE_URL"] = queueUrl,
        }));

        var error = await server.WaitForInitErrorAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await function.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal("Runtime.InitError", error.ErrorType);
        Assert.StartsWith(expected, error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, function.ExitCode);
    }

    private async Task<BootstrapProcess> StartAsync(LocalRuntimeServer server, Dictionary<string, string> settings)
    {
        var function = BootstrapProcess.Start(await PublishedBootstrap.GetAsync(Ct), Environment(server, settings));
        try
        {
            await server.WaitForRuntimeAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"bootstrap did not poll the Runtime API within 30 s (exited: {function.HasExited}). Output:\n{function.Output}");
        }

        return function;
    }

    private Dictionary<string, string> Environment(LocalRuntimeServer server, Dictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>(moto.Server.ClientEnvironment)
        {
            ["AWS_LAMBDA_RUNTIME_API"] = server.RuntimeApiAddress,
            ["AWS_LAMBDA_FUNCTION_NAME"] = "test_function",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
        };
        environment.Remove("AWS_ENDPOINT_URL");
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static async Task<InvocationResult> InvokeAsync(LocalRuntimeServer server, BootstrapProcess function, string eventFile) =>
        await InvokeAsync(server, function, await EventAsync(eventFile));

    private static async Task<InvocationResult> InvokeAsync(LocalRuntimeServer server, BootstrapProcess function, byte[] payload)
    {
        var result = await server.InvokeAsync(payload, new InvocationOptions { Timeout = TimeSpan.FromSeconds(60) }, Ct);
        Assert.True(result.Succeeded, $"invocation {result.Status}: {result.Error?.ErrorType} {result.Error?.ErrorMessage}\nbootstrap output:\n{function.Output}");
        return result;
    }

    private static Task<byte[]> EventAsync(string file) =>
        File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "events", file), Ct);

    private static (int Total, int Processed, int Skipped, int DeadLettered) Summary(InvocationResult result)
    {
        using var summary = JsonDocument.Parse(result.Payload);
        var root = summary.RootElement;
        Assert.Equal(0, root.GetProperty("retry").GetInt32());
        return (root.GetProperty("total").GetInt32(), root.GetProperty("processed").GetInt32(),
            root.GetProperty("skipped").GetInt32(), root.GetProperty("deadLettered").GetInt32());
    }

    private static string EventWith(string messageId, string text) => $$"""
        {"eventSource":"aws:mq","eventSourceArn":"arn:aws:mq:us-east-1:1:broker:b:b-1","messages":[
          {"messageID":"{{messageId}}","messageType":"jms/text-message","destination":{"physicalName":"orders"},
           "data":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}}"}]}
        """;
}
