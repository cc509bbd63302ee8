using System.Net;
using System.Net.Sockets;

namespace Forwarder.IntegrationTests;

[Collection(BrokerPairDefinition.Name)]
public sealed class OperationsTests(BrokerPairFixture pair)
{
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
        HttpResponseMessage? health = null;
        for (var i = 0; i < 50 && health?.StatusCode != HttpStatusCode.OK; i++)
        {
            health?.Dispose();
            health = await http.GetAsync(new Uri("health", UriKind.Relative), Ct);
            await Task.Delay(100, Ct);
        }

        Assert.Equal(HttpStatusCode.OK, health!.StatusCode);
        Assert.Contains("\"status\":\"up\"", await health.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        health.Dispose();
        var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative), Ct);
        Assert.Contains($"forwarder_messages_forwarded_total{{otel_scope_name=\"Forwarder\",queue=\"{queue}\"}} 5", metrics, StringComparison.Ordinal);
        Assert.Contains("forwarder_link_up{otel_scope_name=\"Forwarder\",side=\"target\"} 1", metrics, StringComparison.Ordinal);

        agent.Terminate();
        Assert.Equal(0, await agent.WaitForExitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Contains("Stopped; 5 forwarded, 0 parked since start", agent.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MetricsPortTakenByAnotherProcess_WarnsAndForwards()
    {
        var queue = BrokerPairFixture.UniqueQueue("MetricsTaken");
        await Messages.SendAsync(pair.OnPrem, queue, 5, Ct);
        // A second agent on the host: the port is held on every address, whichever one "localhost" binds to.
        using var occupant = new TcpListener(IPAddress.IPv6Any, 0);
        occupant.Server.DualMode = true;
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var args = Link.RunArgs(pair, port, "--include", queue);

        await using var agent = AgentProcess.Start(args);
        await Messages.WaitForCountAsync(pair.Cloud, queue, 5, agent, Ct);

        Assert.Contains($"Metrics endpoint not started on localhost:{port}, /metrics is off; forwarding goes on", agent.StdOut, StringComparison.Ordinal);
        Assert.Contains("/health is off; forwarding goes on", agent.StdOut, StringComparison.Ordinal);
        agent.Terminate();
        Assert.Equal(0, await agent.WaitForExitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Contains("Stopped; 5 forwarded, 0 parked since start", agent.StdOut, StringComparison.Ordinal);
    }
}
