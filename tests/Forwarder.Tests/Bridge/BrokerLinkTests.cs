namespace Forwarder.Tests.Bridge;

public sealed class BrokerLinkTests : IDisposable
{
    private readonly FakeBrokers _brokers = new();
    private readonly FakeTimeProvider _clock = new();
    private readonly ForwarderMetrics _metrics;
    private readonly Backoff _backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0);

    public BrokerLinkTests() => _metrics = new ForwarderMetrics(_clock);

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public async Task TryConnectAsync_SourceDown_WaitsBackoffGrowingWithEachFailure()
    {
        var link = await SourceDownFailingAsync(1, 2, 4);

        Assert.Null(link.Current);
        Assert.False(_metrics.SourceUp);
    }

    [Fact]
    public async Task TryConnectAsync_SourceBack_ConnectsAndStartsTheBackoffAgain()
    {
        var link = await SourceDownFailingAsync(1, 2);

        _brokers.SourceDown = false;
        Assert.True(await link.TryConnectAsync(Ct));
        Assert.NotNull(link.Current);
        Assert.True(_metrics.SourceUp);

        await link.CloseAsync();
        Assert.False(_metrics.SourceUp);
        _brokers.SourceDown = true;
        await FailsAfterAsync(link.TryConnectAsync(Ct), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task TryConnectAsync_AfterADrop_WaitsTheFirstBackoffStepBeforeReconnecting()
    {
        var link = Target();
        Assert.True(await link.TryConnectAsync(Ct));

        await link.DropAsync();
        var reconnect = link.TryConnectAsync(Ct);
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(reconnect.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await reconnect.WaitAsync(TimeSpan.FromSeconds(5), Ct));

        // A plain close (shutdown, stop) does not.
        await link.CloseAsync();
        Assert.True(await link.TryConnectAsync(Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct));
    }

    [Fact]
    public async Task TryConnectAsync_EveryTargetDown_TriesEachThenBacksOff()
    {
        _brokers.SinkEndpointCount = 2;
        _brokers.DownTargets.UnionWith([0, 1]);
        var link = Target();

        await FailsAfterAsync(link.TryConnectAsync(Ct), TimeSpan.FromSeconds(1));
        _brokers.DownTargets.Remove(0);
        Assert.True(await link.TryConnectAsync(Ct));

        Assert.Equal([0, 1, 0], _brokers.SinkConnects);
        Assert.True(_metrics.TargetUp);
        Assert.Equal("target0", _metrics.TargetEndpoint);
    }

    [Fact]
    public async Task TryConnectAsync_ActiveTargetLost_FailsOverToStandbyFirst()
    {
        _brokers.SinkEndpointCount = 2;
        var link = Target();
        Assert.True(await link.TryConnectAsync(Ct));
        await link.CloseAsync();
        Assert.False(_metrics.TargetUp);

        _brokers.DownTargets.Add(0);
        Assert.True(await link.TryConnectAsync(Ct));
        _brokers.DownTargets.Clear();
        await link.CloseAsync();
        Assert.True(await link.TryConnectAsync(Ct));

        // After failing over to 1, the link stays with 1 until it fails.
        Assert.Equal([0, 0, 1, 1], _brokers.SinkConnects);
    }

    private SourceLink Source() => new(_brokers, TestOptions.Valid(), _metrics, _backoff, _clock, NullLogger.Instance);

    /// <summary>A link to a source that is down, after its attempts failed, each after the next of <paramref name="backoffSeconds"/>.</summary>
    private async Task<SourceLink> SourceDownFailingAsync(params int[] backoffSeconds)
    {
        _brokers.SourceDown = true;
        var link = Source();
        foreach (var seconds in backoffSeconds)
        {
            await FailsAfterAsync(link.TryConnectAsync(Ct), TimeSpan.FromSeconds(seconds));
        }

        return link;
    }

    private TargetLink Target() => new(_brokers, TestOptions.Valid(), _metrics, _backoff, _clock, NullLogger.Instance);

    /// <summary>The attempt fails, and returns only once the clock has passed <paramref name="backoff"/>.</summary>
    private async Task FailsAfterAsync(Task<bool> attempt, TimeSpan backoff)
    {
        _clock.Advance(backoff - TimeSpan.FromMilliseconds(1));
        Assert.False(attempt.IsCompleted, $"returned before the backoff of {backoff}");
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(await attempt.WaitAsync(TimeSpan.FromSeconds(5), Ct));
    }
}
