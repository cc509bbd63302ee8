using System.Diagnostics;

namespace Forwarder.IntegrationTests;

public sealed class MemoryBoundTests(MemoryFixture pair) : IClassFixture<MemoryFixture>
{
    private const int Count = 200;
    private const int BodyBytes = 5 * 1024 * 1024;
    private const long Budget = 64 * 1024 * 1024;
    private const string Gauge = "forwarder_messages_in_flight_bytes";

    // The systemd unit's MemoryMax=512M. Under that cgroup limit .NET caps its GC heap at 75 % (384 MiB); the agent
    // runs with that cap here (no cgroup needed), and its peak RSS must stay under the limit the kernel would enforce.
    private const int MemoryMaxMb = 512;
    private static readonly Dictionary<string, string> HeapCapOfMemoryMax = new() { ["DOTNET_GCHeapHardLimit"] = "0x18000000" };

    [Fact]
    public async Task Run_TwoHundredFiveMiBMessages_InFlightBytesStayWithinTheDefaultBudgetAndTheUnitsMemoryMax()
    {
        var queue = BrokerPairFixture.UniqueQueue("Memory");
        var port = FreePort.Loopback();
        var args = Link.RunArgs(pair, "--include", queue);
        args[args.IndexOf("--metrics-port") + 1] = port.ToString(CultureInfo.InvariantCulture);
        await using var agent = AgentProcess.Start(args, HeapCapOfMemoryMax);
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var samples = new List<long>();
        var sampling = SampleUntilAsync(http, samples, stopSampling.Token);

        // Sent while the agent runs: with no consumer the on-prem queue's 64 MB memory limit (producer flow control)
        // stops a 5 MiB producer after about a dozen messages.
        var clock = Stopwatch.StartNew();
        await SendAsync(queue);
        try
        {
            await Messages.WaitForCountAsync(pair.Cloud, queue, Count, agent, Ct, seconds: 300);
        }
        catch (TimeoutException ex)
        {
            // Slow or stuck: what the agent holds and what still waits on-prem tell them apart.
            string metrics;
            try
            {
                metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative), Ct);
            }
            catch (HttpRequestException metricsError)
            {
                metrics = "forwarder_ metrics unavailable: " + metricsError.Message;
            }

            var onPrem = await pair.OnPrem.Queues.CountAsync(queue, Ct);
            var agentMetrics = string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith("forwarder_", StringComparison.Ordinal)));
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"{ex.Message}\non-prem queue holds {onPrem}; last gauge samples {string.Join(", ", samples.TakeLast(5))}\n{agentMetrics}"), ex);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        await stopSampling.CancelAsync();
        await sampling;

        var peakRss = agent.PeakResidentMemoryMb();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Count} x 5 MiB sent and forwarded in {seconds:0.0} s; {samples.Count} gauge samples, peak {samples.DefaultIfEmpty().Max() / 1048576.0:0.0} MiB; agent peak RSS {peakRss:0} MiB"));
        Assert.True(samples.Count(s => s > 0) >= 5, $"the gauge was read {samples.Count} times, {samples.Count(s => s > 0)} of them above 0");
        // One message over the budget may be admitted alone; a message is its body plus its header lines.
        Assert.All(samples, s => Assert.InRange(s, 0, Budget + BodyBytes + 4096));
        Assert.InRange(peakRss, 0, MemoryMaxMb);
        await Messages.WaitForCountAsync(pair.OnPrem, queue, 0, agent, Ct);
        await agent.StopCleanlyAsync(Ct);
    }

    /// <summary>
    /// Bytes messages (content-length), one at a time: ten 5 MiB frames in parallel made the test broker (256 MB heap)
    /// drop the connection. Flow control holds each send until the agent takes messages: minutes on a loaded machine.
    /// </summary>
    private async Task SendAsync(string queue)
    {
        await using var client = await StompClient.ConnectAsync(pair.OnPrem.StompOptions() with { ReceiptTimeout = TimeSpan.FromMinutes(5) }, null, Ct);
        var body = new byte[BodyBytes];
        new Random(8).NextBytes(body);
        var options = new StompSendOptions { ContentLength = true };
        for (var i = 0; i < Count; i++)
        {
            await client.SendAsync("/queue/" + queue, [new("persistent", "true"), new("seq", i.ToString(CultureInfo.InvariantCulture))], body, options, Ct);
        }
    }

    /// <summary>Reads the gauge from /metrics every 50 ms until stopped (nothing while the endpoint is not up yet).</summary>
    private static async Task SampleUntilAsync(HttpClient http, List<long> samples, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative), cancellationToken);
                var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(Gauge + "{", StringComparison.Ordinal) || l.StartsWith(Gauge + " ", StringComparison.Ordinal));
                if (line is not null)
                {
                    samples.Add((long)double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture));
                }
            }
            catch (HttpRequestException)
            {
                // The endpoint is not up yet.
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }
}
