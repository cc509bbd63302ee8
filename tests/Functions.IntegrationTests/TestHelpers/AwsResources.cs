using Amazon.SQS.Model;

namespace Functions.IntegrationTests.TestHelpers;

/// <summary>Creates and reads the queue, bucket and table the function uses, the way the SAM template defines them.</summary>
internal static class AwsResources
{
    public static async Task<string> CreateQueueAsync(IAmazonSQS sqs, string name, CancellationToken cancellationToken) =>
        (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name }, cancellationToken)).QueueUrl;

    public static Task CreateBucketAsync(IAmazonS3 s3, string name, CancellationToken cancellationToken) =>
        s3.PutBucketAsync(name, cancellationToken);

    public static Task CreateTableAsync(IAmazonDynamoDB dynamoDb, string name, CancellationToken cancellationToken) =>
        dynamoDb.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        }, cancellationToken);

    /// <summary>Receives until <paramref name="count"/> messages arrived (or 10 s passed), with all attributes.</summary>
    public static async Task<List<Message>> ReceiveAsync(IAmazonSQS sqs, string queueUrl, int count, CancellationToken cancellationToken)
    {
        var messages = new List<Message>();
        var until = DateTime.UtcNow.AddSeconds(10);
        while (messages.Count < count && DateTime.UtcNow < until)
        {
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = 10,
                MessageAttributeNames = ["All"],
                WaitTimeSeconds = 1,
            }, cancellationToken);
            messages.AddRange(response.Messages ?? []);
        }

        return messages;
    }
}
