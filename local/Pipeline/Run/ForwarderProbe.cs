using System.Globalization;
using System.Net;

namespace LocalPipeline.Run;

/// <summary>
/// The forwarder agent's operations endpoints on its metrics port, read as a monitoring system reads them:
/// <c>GET /health</c> (200 once both brokers are connected) and Prometheus <c>GET /metrics</c>
/// (forwarder/Forwarder/Operations: HealthEndpoint, ForwarderMetrics).
/// </summary>
internal sealed class ForwarderProbe(int port)
{
    /// <summary>ForwarderMetrics' <c>forwarder.messages.parked</c> counter, as Prometheus names it.</summary>
    public const string ParkedMetric = "forwarder_messages_parked_total";

    // One client for every probe, as HttpClient is meant to be used.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    // The agent's listener answers for "localhost" (its default MetricsHost), so the Host header must say so.
    private readonly Uri _health = new(string.Create(CultureInfo.InvariantCulture, $"http://localhost:{port}/health"));
    private readonly Uri _metrics = new(string.Create(CultureInfo.InvariantCulture, $"http://localhost:{port}/metrics"));

    /// <summary>True when <c>/health</c> answers 200; false while the agent is not up or not listening yet.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(_health, cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>Messages parked since the agent started (all queues); null when <c>/metrics</c> cannot be read.</summary>
    public async Task<long?> ParkedTotalAsync(CancellationToken cancellationToken)
    {
        try
        {
            var text = await Http.GetStringAsync(_metrics, cancellationToken).ConfigureAwait(false);
            return (long)Sum(text, ParkedMetric);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    /// <summary>
    /// The sum of every sample of <paramref name="metric"/> in the Prometheus text format
    /// (<c>name{labels} value [timestamp]</c>); 0 when it has none yet (a counter appears with its first increment).
    /// </summary>
    internal static double Sum(string exposition, string metric)
    {
        var sum = 0.0;
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length == metric.Length || line[metric.Length] is not ('{' or ' '))
            {
                continue;
            }

            var rest = line[metric.Length] == '{' ? line[(line.LastIndexOf('}') + 1)..] : line[metric.Length..];
            var value = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var sample))
            {
                sum += sample;
            }
        }

        return sum;
    }
}
