using Microsoft.Extensions.Options;

namespace Forwarder.Tests.TestHelpers;

/// <summary>A <see cref="ForwardingWorker"/> over <see cref="FakeBrokers"/>, with its metrics, for the worker tests.</summary>
internal sealed class WorkerHarness : IDisposable
{
    public FakeBrokers Brokers { get; } = new();

    public ForwarderMetrics Metrics { get; } = new(TimeProvider.System);

    public void Dispose() => Metrics.Dispose();

    public ForwardingWorker Worker(Action<ForwarderOptions>? change = null, TimeProvider? time = null)
    {
        var options = TestOptions.Valid();
        change?.Invoke(options);
        time ??= TimeProvider.System;
        return new ForwardingWorker(
            Brokers, new MessageMapper(options, time), Options.Create(options), Metrics, new FatalError(), time, NullLogger<ForwardingWorker>.Instance);
    }

    // Runs iterations until the source has acknowledged that many messages (or the iterations run out).
    public async Task ForwardUntilAckedAsync(ForwardingWorker worker, int acked, int maxIterations)
    {
        for (var i = 0; i < maxIterations && Brokers.Acked.Count < acked; i++)
        {
            await worker.ForwardOnceAsync(Ct);
        }
    }

    // ok1, poison, ok2 on Orders.A; the target refuses the poison with the reason.
    public InboundMessage EnqueuePoisonBetweenTwo(string reason, params (string Key, string Value)[] headers)
    {
        Brokers.Enqueue("Orders.A", "ok1");
        var poison = Brokers.Enqueue("Orders.A", "poison", headers);
        Brokers.Enqueue("Orders.A", "ok2");
        Brokers.Reject = m => m.Header("fwd_origin_id") == poison.MessageId ? reason : null;
        return poison;
    }
}
