using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Harness.Moto;

namespace LocalPipeline.Stages;

/// <summary>The harness's <see cref="MotoServer"/> with the function's SQS dead-letter queue, its output in a log file.</summary>
internal sealed class Moto(MotoServer server, TextWriter log, string deadLetterQueueUrl) : IAsyncDisposable
{
    public const string AccessKey = MotoServer.AccessKey;
    public const string SecretKey = MotoServer.SecretKey;
    public const string Region = MotoServer.Region;

    public Uri Endpoint => server.Endpoint;

    public string DeadLetterQueueUrl { get; } = deadLetterQueueUrl;

    /// <summary>Starts moto and creates the dead-letter queue <paramref name="queueName"/>.</summary>
    public static async Task<Moto> StartAsync(string queueName, string logFile, CancellationToken cancellationToken)
    {
        var writer = TextWriter.Synchronized(new StreamWriter(logFile, append: true) { AutoFlush = true });
        MotoServer? started = null;
        try
        {
            started = await MotoServer.StartAsync(writer.WriteLine, cancellationToken).ConfigureAwait(false);
            using var sqs = CreateSqsClient(started.Endpoint);
            var created = await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = queueName }, cancellationToken).ConfigureAwait(false);
            return new Moto(started, writer, created.QueueUrl);
        }
        catch
        {
            if (started is not null)
            {
                await started.DisposeAsync().ConfigureAwait(false);
            }

            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public AmazonSQSClient CreateSqsClient() => CreateSqsClient(Endpoint);

    public AmazonDynamoDBClient CreateDynamoDbClient() =>
        new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonDynamoDBConfig { ServiceURL = Endpoint.ToString(), AuthenticationRegion = Region });

    /// <summary>Creates the function's idempotency table: partition key <c>pk</c> (S), on demand.</summary>
    public async Task CreateIdempotencyTableAsync(string table, CancellationToken cancellationToken)
    {
        using var dynamoDb = CreateDynamoDbClient();
        await dynamoDb.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync().ConfigureAwait(false);
        await log.DisposeAsync().ConfigureAwait(false);
    }

    private static AmazonSQSClient CreateSqsClient(Uri endpoint) =>
        new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonSQSConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = Region });
}
