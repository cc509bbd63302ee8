using System.ComponentModel;
using System.Globalization;
using System.Net;

namespace Harness.Moto;

/// <summary>
/// A real <c>moto_server</c> (AWS service emulator: SQS, S3, DynamoDB, …) on a free loopback port, in its own
/// process. Fails (never skips) with the install hint when moto is missing. Dispose stops it (SIGTERM, then SIGKILL).
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    public const string InstallHint = "moto is not installed: run scripts/prereqs.sh (pip install \"moto[server]\")";

    /// <summary>The region and dummy credentials moto accepts; give them to clients and child processes.</summary>
    public const string Region = "us-east-1";
    public const string AccessKey = "testing";
    public const string SecretKey = "testing";

    private readonly ChildProcess _process;

    private MotoServer(ChildProcess process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    /// <summary><c>http://127.0.0.1:PORT</c>: the endpoint URL for every service (<c>AWS_ENDPOINT_URL</c>).</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// Environment variables that point an AWS SDK process at this server: endpoint, region and dummy credentials.
    /// </summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment => new Dictionary<string, string>
    {
        ["AWS_ENDPOINT_URL"] = Endpoint.ToString().TrimEnd('/'),
        ["AWS_REGION"] = Region,
        ["AWS_DEFAULT_REGION"] = Region,
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    /// <param name="onOutput">Also gets each line moto prints (e.g. to write a log file).</param>
    public static async Task<MotoServer> StartAsync(Action<string>? onOutput = null, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Loopback();
            var server = new MotoServer(Launch(port, onOutput), new Uri($"http://127.0.0.1:{port}/"));
            bool ready;
            try
            {
                ready = await server.WaitReadyAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }

            if (ready)
            {
                return server;
            }

            await server.DisposeAsync();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"moto_server did not start on 127.0.0.1 (3 attempts). Its output:\n{server._process.StdOut}{server._process.StdErr}");
            }
        }
    }

    /// <summary>Forgets every queue, bucket and table (moto's reset API).</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(Endpoint, "moto-api/reset"), null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(5));
        await _process.DisposeAsync();
    }

    private static ChildProcess Launch(int port, Action<string>? onOutput)
    {
        try
        {
            var command = new ProcessCommand("moto_server", ["-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)]);
            return ChildProcess.StartCapturing(command, onOutput, onOutput);
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(InstallHint, ex);
        }
    }

    private async Task<bool> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until && !_process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint, "moto-api/"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow first response while moto imports its services.
            }

            await Task.Delay(100, cancellationToken);
        }

        return false;
    }
}
