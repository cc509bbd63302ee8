using System.Text.RegularExpressions;

namespace Forwarder.IntegrationTests;

/// <summary>The alert rules shipped beside the unit: valid for Prometheus, and naming only metrics an agent exports.</summary>
[Collection(BrokerPairDefinition.Name)]
public sealed partial class AlertRulesTests(BrokerPairFixture pair)
{
    private static readonly string RulesFile = RepositoryRoot.File("forwarder/deploy/mq-forwarder.rules.yml");

    [Fact]
    public async Task Rules_PassPromtool()
    {
        var result = await ChildProcess.RunAsync(new ProcessCommand("promtool", ["check", "rules", RulesFile]), TimeSpan.FromSeconds(60), Ct)
            .WaitAsync(Ct);

        Assert.True(result.ExitCode == 0, $"promtool check rules failed:\n{result.StdOut}{result.StdErr}");
        Assert.Contains("SUCCESS: 6 rules found", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunningAgent_ExportsEveryMetricTheRulesName()
    {
        var named = MetricName().Matches(await File.ReadAllTextAsync(RulesFile, Ct)).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        Assert.True(named.Count >= 5, $"the rules name only {string.Join(", ", named)}");
        var queue = BrokerPairFixture.UniqueQueue("Alerts");
        await Messages.SendAsync(pair.OnPrem, queue, 3, Ct);
        var port = FreePort.Loopback();
        await using var agent = AgentProcess.Start(Link.RunArgs(pair, port, "--include", queue), new Dictionary<string, string> { ["FORWARDER__BacklogRefreshInterval"] = "00:00:01" });
        await Messages.WaitForCountAsync(pair.Cloud, queue, 3, agent, Ct);
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
        var missing = named;
        var metrics = "";
        for (var i = 0; i < 100 && missing.Count > 0; i++)
        {
            await Task.Delay(200, Ct);
            metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative), Ct);
            missing = [.. named.Where(name => !metrics.Contains(name + "{", StringComparison.Ordinal))];
        }

        Assert.True(missing.Count == 0, $"the rules name metrics the agent does not export: {string.Join(", ", missing)}\n{metrics}");
        // Counters start at 0 for each queue, so increase() sees the first parked or dead-lettered message.
        Assert.Contains($"forwarder_messages_parked_total{{otel_scope_name=\"Forwarder\",queue=\"{queue}\"}} 0", metrics, StringComparison.Ordinal);
        Assert.Contains($"forwarder_messages_dead_lettered_total{{otel_scope_name=\"Forwarder\",queue=\"{queue}\"}} 0", metrics, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\bforwarder_[a-z_]+\b", RegexOptions.CultureInvariant)]
    private static partial Regex MetricName();
}
