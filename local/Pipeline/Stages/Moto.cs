using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using LocalEventSource.Invocation;

namespace LocalPipeline.Stages;

/// <summary>moto_server on a free loopback port: the SQS endpoint of the function's dead-letter queue.</summary>
internal sealed class Moto : IAsyncDisposable
{
    public const string AccessKey = "testing";
    public const string SecretKey = "testing";
    public const string Region = "us-east-1";

    private readonly ChildProcess _process;

    private Moto(ChildProcess process, Uri endpoint, string queueUrl)
    {
        _process = process;
        Endpoint = endpoint;
        DeadLetterQueueUrl = queueUrl;
    }

    public Uri Endpoint { get; }

    public string DeadLetterQueueUrl { get; }

    /// <summary>Starts moto and creates the dead-letter queue <paramref name="queueName"/>.</summary>
    public static async Task<Moto> StartAsync(string queueName, string logFile, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var log = TextWriter.Synchronized(new StreamWriter(logFile, append: true) { AutoFlush = true });
        ChildProcess process;
        try
        {
            process = ChildProcess.Start("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], new Dictionary<string, string?>(), log.WriteLine);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("moto_server is not installed: run scripts/prereqs.sh (pip install 'moto[server]')", ex);
        }

        var endpoint = new Uri($"http://127.0.0.1:{port}");
        try
        {
            using var sqs = CreateSqsClient(endpoint);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                try
                {
                    var created = await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = queueName }, cancellationToken).ConfigureAwait(false);
                    return new Moto(process, endpoint, created.QueueUrl);
                }
                catch (Exception ex) when ((ex is HttpRequestException or AmazonServiceException or IOException) && DateTime.UtcNow < deadline && !process.HasExited)
                {
                    await Task.Delay(200, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static AmazonSQSClient CreateSqsClient(Uri endpoint) =>
        new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonSQSConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = Region });

    public AmazonSQSClient CreateSqsClient() => CreateSqsClient(Endpoint);

    public async ValueTask DisposeAsync()
    {
        // moto keeps nothing worth a clean shutdown.
        await _process.StopAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        await _process.DisposeAsync().ConfigureAwait(false);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
