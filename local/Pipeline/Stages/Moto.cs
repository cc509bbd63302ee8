using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Harness.Moto;

namespace LocalPipeline.Stages;

/// <summary>The harness's <see cref="MotoServer"/> with the function's SQS dead-letter queue, its output in a log file.</summary>
internal sealed class Moto : IAsyncDisposable
{
    public const string AccessKey = MotoServer.AccessKey;
    public const string SecretKey = MotoServer.SecretKey;
    public const string Region = MotoServer.Region;

    private readonly MotoServer _server;
    private readonly TextWriter _log;

    private Moto(MotoServer server, TextWriter log, string queueUrl)
    {
        _server = server;
        _log = log;
        DeadLetterQueueUrl = queueUrl;
    }

    public Uri Endpoint => _server.Endpoint;

    public string DeadLetterQueueUrl { get; }

    /// <summary>Starts moto and creates the dead-letter queue <paramref name="queueName"/>.</summary>
    public static async Task<Moto> StartAsync(string queueName, string logFile, CancellationToken cancellationToken)
    {
        var log = TextWriter.Synchronized(new StreamWriter(logFile, append: true) { AutoFlush = true });
        MotoServer? server = null;
        try
        {
            server = await MotoServer.StartAsync(log.WriteLine, cancellationToken).ConfigureAwait(false);
            using var sqs = CreateSqsClient(server.Endpoint);
            var created = await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = queueName }, cancellationToken).ConfigureAwait(false);
            return new Moto(server, log, created.QueueUrl);
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            await log.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public AmazonSQSClient CreateSqsClient() => CreateSqsClient(Endpoint);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        await _log.DisposeAsync().ConfigureAwait(false);
    }

    private static AmazonSQSClient CreateSqsClient(Uri endpoint) =>
        new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonSQSConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = Region });
}
