using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.SQS;
using Functions.Runtime.Runtime;

namespace Functions.Framework.Hosting;

/// <summary>
/// Creates the AWS clients. Region, credentials and the standard endpoint overrides (<c>AWS_ENDPOINT_URL</c>,
/// <c>AWS_ENDPOINT_URL_SQS</c>, <c>_S3</c>, <c>_DYNAMODB</c>) come from the SDK's own environment lookup, so the
/// same binary runs against AWS, LocalStack or moto.
/// </summary>
internal static class AwsClients
{
    public static AmazonSQSClient CreateSqs() => new(new AmazonSQSConfig());

    public static AmazonDynamoDBClient CreateDynamoDb() => new(new AmazonDynamoDBConfig());

    /// <summary>
    /// An S3 client; with an endpoint override it uses path-style URLs, because an emulator on an IP address or
    /// localhost cannot serve <c>bucket.host</c> names.
    /// </summary>
    public static AmazonS3Client CreateS3(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var overridden = !string.IsNullOrEmpty(environment.GetVariable("AWS_ENDPOINT_URL_S3")) || !string.IsNullOrEmpty(environment.GetVariable("AWS_ENDPOINT_URL"));
        return new AmazonS3Client(new AmazonS3Config { ForcePathStyle = overridden });
    }
}
