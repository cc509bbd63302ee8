using Microsoft.Extensions.Options;

namespace Forwarder.Tests.TestHelpers;

/// <summary>A test of the <see cref="ForwardingWorker"/> over <see cref="FakeBrokers"/>, with its metrics, fresh for each test.</summary>
public abstract class WorkerTest : IDisposable
{
    internal FakeBrokers Brokers { get; } = new();

    internal ForwarderMetrics Metrics { get; } = new(TimeProvider.System);

    public void Dispose()
    {
        Metrics.Dispose();
        GC.SuppressFinalize(this);
    }

    internal ForwardingWorker Worker(Action<ForwarderOptions>? change = null, TimeProvider? time = null)
    {
        var options = TestOptions.Valid();
        change?.Invoke(options);
        time ??= TimeProvider.System;
        return new ForwardingWorker(
            Brokers, new MessageMapper(options, time), Options.Create(options), Metrics, new FatalError(), time, NullLogger<ForwardingWorker>.Instance);
    }

    // Runs iterations until the source has acknowledged that many messages (or the iterations run out).
    internal async Task ForwardUntilAckedAsync(ForwardingWorker worker, int acked, int maxIterations)
    {
        for (var i = 0; i < maxIterations && Brokers.Acked.Count < acked; i++)
        {
            await worker.ForwardOnceAsync(Ct);
        }
    }

    // ok1, poison, ok2 on Orders.A; the target refuses the poison with the reason.
    internal InboundMessage EnqueuePoisonBetweenTwo(string reason, params (string Key, string Value)[] headers)
    {
        Brokers.Enqueue("Orders.A", "ok1");
        var poison = Brokers.Enqueue("Orders.A", "poison", headers);
        Brokers.Enqueue("Orders.A", "ok2");
        Brokers.Reject = m => m.Header("fwd_origin_id") == poison.MessageId ? reason : null;
        return poison;
    }
}
