using System.Net;
using Forwarder.IntegrationTests.TestHelpers;
using Harness;
using Testing.ActiveMq;

namespace Forwarder.IntegrationTests;

[Collection(BrokerPairDefinition.Name)]
public sealed class OperationsTests(BrokerPairFixture pair)
{
    [Fact]
    public async Task Run_MetricsPort_ServesHealthAndPrometheusMetrics()
    {
        var ct = TestContext.Current.CancellationToken;
        var queue = BrokerPairFixture.UniqueQueue("Metrics");
        await Messages.SendAsync(pair.OnPrem, queue, 5, ct);
        var port = FreePort.Loopback();
        var args = Link.RunArgs(pair, "--include", queue);
        args[args.IndexOf("--metrics-port") + 1] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await using var agent = AgentProcess.Start(args);
        await Messages.WaitForCountAsync(pair.Cloud, queue, 5, agent, ct);
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
        HttpResponseMessage? health = null;
        for (var i = 0; i < 50 && health?.StatusCode != HttpStatusCode.OK; i++)
        {
            health?.Dispose();
            health = await http.GetAsync(new Uri("health", UriKind.Relative), ct);
            await Task.Delay(100, ct);
        }

        Assert.Equal(HttpStatusCode.OK, health!.StatusCode);
        Assert.Contains("\"status\":\"up\"", await health.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        health.Dispose();
        var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative), ct);
        Assert.Contains($"forwarder_messages_forwarded_total{{otel_scope_name=\"Forwarder\",queue=\"{queue}\"}} 5", metrics, StringComparison.Ordinal);
        Assert.Contains("forwarder_link_up{otel_scope_name=\"Forwarder\",side=\"target\"} 1", metrics, StringComparison.Ordinal);

        agent.Terminate();
        Assert.Equal(0, await agent.WaitForExitAsync(TimeSpan.FromSeconds(30), ct));
        Assert.Contains("Stopped; 5 forwarded, 0 parked since start", agent.StdOut, StringComparison.Ordinal);
    }
}
