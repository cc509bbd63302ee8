using System.Net;
using System.Net.Sockets;

namespace Forwarder.IntegrationTests;

/// <summary>
/// What an operator reads from a running agent: its start-up line, liveness and readiness, the metrics, and the
/// stop line; and that a metrics port already taken costs only the endpoint, never the forwarding.
/// </summary>
[Collection(BrokerPairDefinition.Name)]
public sealed class ObservabilityTests(BrokerPairFixture pair)
{
    [Fact]
    public async Task Run_ForwardsMessages_ServesLatencyHistogramServiceNameLiveAndReady()
    {
        var queue = BrokerPairFixture.UniqueQueue("Observe");
        await Messages.SendAsync(pair.OnPrem, queue, 3, Ct);
        var port = FreePort.Loopback();
        await using var agent = AgentProcess.Start(Link.RunArgs(pair, port, "--include", queue));
        await Messages.WaitForCountAsync(pair.Cloud, queue, 3, agent, Ct);
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
        var ready = await GetWhenOkAsync(http, "health/ready");
        Assert.Contains("\"status\":\"ready\"", ready, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"live\"", await GetWhenOkAsync(http, "health/live"), StringComparison.Ordinal);

        var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative), Ct);
        Assert.Contains($"forwarder_forward_latency_seconds_bucket{{otel_scope_name=\"Forwarder\",queue=\"{queue}\",le=\"+Inf\"}} 3", metrics, StringComparison.Ordinal);
        Assert.Contains($"forwarder_forward_latency_seconds_count{{otel_scope_name=\"Forwarder\",queue=\"{queue}\"}} 3", metrics, StringComparison.Ordinal);
        var targetInfo = Assert.Single(metrics.Split('\n'), l => l.StartsWith("target_info{", StringComparison.Ordinal));
        Assert.Contains("service_name=\"mq-forwarder\"", targetInfo, StringComparison.Ordinal);
        Assert.Contains($"service_instance_id=\"{Link.Name}\"", targetInfo, StringComparison.Ordinal);

        await agent.StopCleanlyAsync(Ct);
        var start = Assert.Single(agent.StdOut.Split('\n'), l => l.Contains("Effective configuration:", StringComparison.Ordinal));
        Assert.Contains($"Source={pair.OnPrem.StompUri}", start, StringComparison.Ordinal);
        Assert.Contains($"TargetPasswordFile=", start, StringComparison.Ordinal);
        Assert.DoesNotContain(BrokerPairFixture.CloudPassword, start, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MetricsPort_ServesHealthAndPrometheusMetrics()
    {
        var queue = BrokerPairFixture.UniqueQueue("Metrics");
        await Messages.SendAsync(pair.OnPrem, queue, 5, Ct);
        var port = FreePort.Loopback();
        var args = Link.RunArgs(pair, port, "--include", queue);

        await using var agent = AgentProcess.Start(args);
        await Messages.WaitForCountAsync(pair.Cloud, queue, 5, agent, Ct);
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
        Assert.Contains("\"status\":\"up\"", await GetWhenOkAsync(http, "health"), StringComparison.Ordinal);
        var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative), Ct);
        Assert.Contains($"forwarder_messages_forwarded_total{{otel_scope_name=\"Forwarder\",queue=\"{queue}\"}} 5", metrics, StringComparison.Ordinal);
        Assert.Contains("forwarder_link_up{otel_scope_name=\"Forwarder\",side=\"target\"} 1", metrics, StringComparison.Ordinal);

        await agent.StopCleanlyAsync(Ct);
        Assert.Contains("Stopped; 5 forwarded, 0 parked since start", agent.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MetricsPortTakenByAnotherProcess_WarnsForwardsAndServesOnceThePortIsFree()
    {
        var queue = BrokerPairFixture.UniqueQueue("MetricsTaken");
        await Messages.SendAsync(pair.OnPrem, queue, 5, Ct);
        // A second agent on the host: the port is held on every address, whichever one "localhost" binds to.
        var occupant = new TcpListener(IPAddress.IPv6Any, 0);
        occupant.Server.DualMode = true;
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var args = Link.RunArgs(pair, port, "--include", queue);

        await using var agent = AgentProcess.Start(args);
        await Messages.WaitForCountAsync(pair.Cloud, queue, 5, agent, Ct);

        Assert.Contains($"Metrics endpoint not started on localhost:{port}, /metrics is off; forwarding goes on", agent.StdOut, StringComparison.Ordinal);
        Assert.Contains("/health is off; forwarding goes on", agent.StdOut, StringComparison.Ordinal);

        // The port freed (the other agent gone, or a crashed one's connections out of TIME_WAIT): both come up.
        occupant.Stop();
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
        // Counters start when the exporter does (as after a restart); the link gauges are read at each scrape, once the
        // exporter's meter provider is built (a scrape while it is being built shows target_info alone).
        var retry = EndpointRetryWait;
        var deadline = DateTime.UtcNow + retry;
        var metrics = await GetWhenOkAsync(http, "metrics", retry);
        while (!metrics.Contains("forwarder_link_up", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, Ct);
            metrics = await GetWhenOkAsync(http, "metrics", retry);
        }

        Assert.Contains("forwarder_link_up", metrics, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"up\"", await GetWhenOkAsync(http, "health", retry), StringComparison.Ordinal);
        await agent.StopCleanlyAsync(Ct);
        Assert.Contains("Stopped; 5 forwarded, 0 parked since start", agent.StdOut, StringComparison.Ordinal);
    }

    // The agent tries a busy metrics port again every 5 s.
    private static readonly TimeSpan EndpointRetryWait = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The body of <paramref name="path"/> once it answers 200 (the endpoint starts with the host), within
    /// <paramref name="wait"/> (default 5 s); until then a refused connection is tried again.
    /// </summary>
    private static async Task<string> GetWhenOkAsync(HttpClient http, string path, TimeSpan? wait = null)
    {
        var deadline = DateTime.UtcNow + (wait ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            var last = DateTime.UtcNow >= deadline;
            try
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative), Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                if (response.StatusCode == HttpStatusCode.OK || last)
                {
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
                    return body;
                }
            }
            catch (HttpRequestException) when (!last)
            {
                // Not listening yet.
            }

            await Task.Delay(100, Ct);
        }
    }
}
