using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Testing.Moto;

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

    // A crashed test host must not leave moto servers behind.
    private static readonly ConcurrentDictionary<MotoServer, byte> Live = new();

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    static MotoServer() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var server in Live.Keys)
        {
            server.KillNow();
        }
    };

    private MotoServer(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    /// <summary><c>http://127.0.0.1:PORT</c>: the endpoint URL for every service (<c>AWS_ENDPOINT_URL</c>).</summary>
    public Uri Endpoint { get; }

    /// <summary>What moto printed so far (for failure messages).</summary>
    public string Output => string.Join('\n', _output);

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

    public static async Task<MotoServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = FindOnPath("moto_server") ?? throw new InvalidOperationException(InstallHint);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Loopback();
            var info = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add("-H");
            info.ArgumentList.Add("127.0.0.1");
            info.ArgumentList.Add("-p");
            info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {executable}");
            var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}/"));
            Live[server] = 0;
            process.OutputDataReceived += (_, e) => server.Collect(e.Data);
            process.ErrorDataReceived += (_, e) => server.Collect(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (await server.WaitReadyAsync(TimeSpan.FromSeconds(30), cancellationToken))
            {
                return server;
            }

            await server.DisposeAsync();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"moto_server did not start on 127.0.0.1 (3 attempts). Its output:\n{server.Output}");
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
        if (!Live.TryRemove(this, out _))
        {
            return;
        }

        await _process.TerminateAsync(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
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

    private void KillNow()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
