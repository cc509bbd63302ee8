using Amazon.Runtime;
using Harness.Moto;

namespace Functions.IntegrationTests.TestHelpers;

/// <summary>AWS clients pointed at a <see cref="MotoServer"/> (explicitly, without touching the process environment).</summary>
internal static class MotoClients
{
    private static readonly BasicAWSCredentials Credentials = new(MotoServer.AccessKey, MotoServer.SecretKey);

    public static AmazonSQSClient Sqs(MotoServer moto) =>
        new(Credentials, new AmazonSQSConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoServer.Region });

    public static AmazonS3Client S3(MotoServer moto) =>
        new(Credentials, new AmazonS3Config { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoServer.Region, ForcePathStyle = true });

    public static AmazonDynamoDBClient DynamoDb(MotoServer moto) =>
        new(Credentials, new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoServer.Region });

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];
}
