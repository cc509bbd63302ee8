namespace Forwarder.Tests.Bridge;

/// <summary>Stopping the worker: the batch in flight is confirmed and acknowledged, up to the drain timeout.</summary>
public sealed class ForwardingWorkerStopTests : IDisposable
{
    private readonly WorkerHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task ExecuteAsync_StopRequested_DrainsAndStops()
    {
        using var worker = _harness.Worker();
        _harness.Brokers.Enqueue("Orders.A", "m");
        await worker.StartAsync(Ct);
        for (var i = 0; i < 200 && _harness.Brokers.Acked.Count == 0; i++)
        {
            await Task.Delay(10, Ct);
        }

        await worker.StopAsync(Ct);

        Assert.Equal(["ID:src:1:1:1:1"], _harness.Brokers.Acked);
    }

    [Fact]
    public async Task ExecuteAsync_StopWhileBatchAwaitsConfirmation_WaitsForItThenAcks()
    {
        var clock = new FakeTimeProvider();
        using var worker = _harness.Worker(time: clock);
        _harness.Brokers.ConfirmationGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _harness.Brokers.Enqueue("Orders.A", "m");
        await worker.StartAsync(Ct);
        await _harness.Brokers.FirstBatchSent.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var stop = worker.StopAsync(Ct);
        await Task.Delay(200, Ct);

        // Stopping must not give up a batch the target is about to confirm: it would be sent again after a restart.
        Assert.False(stop.IsCompleted, "the worker stopped without waiting for the batch in flight");
        Assert.Empty(_harness.Brokers.Acked);

        _harness.Brokers.ConfirmationGate.SetResult();
        await stop.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(["ID:src:1:1:1:1"], _harness.Brokers.Acked);
        Assert.Single(_harness.Brokers.Delivered);
    }

    [Fact]
    public async Task ExecuteAsync_StopAndTargetNeverConfirms_GivesUpAtDrainTimeoutOnTheClock()
    {
        var clock = new FakeTimeProvider();
        using var worker = _harness.Worker(o => o.DrainTimeout = TimeSpan.FromSeconds(30), clock);
        _harness.Brokers.ConfirmationGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _harness.Brokers.Enqueue("Orders.A", "m");
        await worker.StartAsync(Ct);
        await _harness.Brokers.FirstBatchSent.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var stop = worker.StopAsync(Ct);
        clock.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(200, Ct);
        Assert.False(stop.IsCompleted, "the worker gave up before DrainTimeout");

        clock.Advance(TimeSpan.FromSeconds(1));
        await stop.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // Unacknowledged, the message returns to the source queue when the connection closes.
        Assert.Empty(_harness.Brokers.Acked);
        Assert.Empty(_harness.Brokers.Delivered);
    }
}
