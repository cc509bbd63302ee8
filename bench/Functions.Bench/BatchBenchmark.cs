using System.Diagnostics;
using System.Text.Json;
using Contract.Events;
using Functions.Framework;
using Functions.Framework.DeadLetter;
using Functions.Framework.Idempotency;
using Functions.Framework.Metrics;
using Functions.Framework.Processing;
using Functions.Runtime.Logging;
using Microsoft.Extensions.Logging;

namespace Functions.Bench;

/// <summary>
/// One large event through the real <see cref="BatchProcessor"/>: deserialize, decode every body, claim and
/// complete it in the in-memory idempotency store of a warm execution environment, and dispatch it to a no-op handler.
/// </summary>
internal static class BatchBenchmark
{
    public sealed record Result(int JsonBytes, IReadOnlyList<double> Milliseconds, IReadOnlyList<long> AllocatedBytes,
        IReadOnlyList<double> DeserializeMilliseconds, IReadOnlyList<long> DeserializeAllocatedBytes, IReadOnlyList<double> BaselineMilliseconds,
        IReadOnlyList<double> FreshStoreMilliseconds, IReadOnlyList<long> PageFaults, IReadOnlyList<long> BaselinePageFaults)
    {
        public double MedianMs => Median(Milliseconds);

        public double BaselineMedianMs => Median(BaselineMilliseconds);

        /// <summary>Each run's batch time over the baseline timed right after it (interleaved pairs).</summary>
        public IReadOnlyList<double> OverBaseline => [.. Milliseconds.Zip(BaselineMilliseconds, (batch, baseline) => batch / baseline)];

        /// <summary>The same for an environment's first invocation (a fresh store), for information.</summary>
        public IReadOnlyList<double> FreshStoreOverBaseline => [.. FreshStoreMilliseconds.Zip(BaselineMilliseconds, (batch, baseline) => batch / baseline)];

        public double MedianAllocated => Median(AllocatedBytes.Select(b => (double)b).ToList());

        public double AllocRatio => MedianAllocated / JsonBytes;

        public double DeserializeMedianMs => Median(DeserializeMilliseconds);

        public double DeserializeAllocRatio => Median(DeserializeAllocatedBytes.Select(b => (double)b).ToList()) / JsonBytes;
    }

    public static async Task<Result> RunAsync(int messages, int warmups, int runs)
    {
        var context = new BenchLambdaContext();
        var dispatcher = new MessageDispatcher<ReadOnlyMemory<byte>>(BodyDecoders.Bytes, new NoOpHandler());
        // One store for all invocations, as one execution environment keeps it, full before the first measured one:
        // a busy environment's store is at its capacity, and every batch also makes it forget the oldest keys. Every
        // invocation gets messages the store has not seen (a repeated event would only be skipped).
        var store = NewStore();
        var processor = NewProcessor(dispatcher, store);
        var events = new EventSequence(messages);
        while (store.Count < new IdempotencyOptions().InMemoryCapacity)
        {
            await processor.InvokeAsync(events.Next(), context, CancellationToken.None);
        }

        var times = new List<double>();
        var allocations = new List<long>();
        var deserializeTimes = new List<double>();
        var deserializeAllocations = new List<long>();
        var baselineTimes = new List<double>();
        var freshStoreTimes = new List<double>();
        var faults = new List<long>();
        var baselineFaults = new List<long>();
        var jsonBytes = 0;
        for (var i = 0; i < warmups + runs; i++)
        {
            // Each measurement comes right after an untimed run of the same work, so it finds the heap as its own
            // previous run left it — as back-to-back invocations of one function do — not as the other phases left
            // it. Timed right after the baseline's phase, the batch (which allocates ≈ 2× the event's bytes, the
            // baseline ≈ 1×) ran into memory the forced collections had handed back to the OS: a median 600–1,200
            // page faults per run (the baseline ≈ 340), ≈ 15 ms on this machine; right after itself, 0–550 (baseline 0).
            await TimeBatchAsync(processor, events.Next(), context);
            var payload = events.Next();
            jsonBytes = payload.Length;
            var (batchMs, allocated, batchFaults) = await TimeBatchAsync(processor, payload, context);
            // An environment's first invocation, for information: a fresh store, its dictionary growing through the batch.
            await TimeBatchAsync(NewProcessor(dispatcher, NewStore()), payload, context);
            var (freshStoreMs, _, _) = await TimeBatchAsync(NewProcessor(dispatcher, NewStore()), payload, context);
            _ = TimeDeserialize(payload, messages);
            var (deserializeMs, deserializeAllocated) = TimeDeserialize(payload, messages);
            _ = TimeBaseline(payload, messages);
            var (baselineMs, baselineFaulted) = TimeBaseline(payload, messages);
            if (i >= warmups)
            {
                times.Add(batchMs);
                baselineTimes.Add(baselineMs);
                freshStoreTimes.Add(freshStoreMs);
                faults.Add(batchFaults);
                baselineFaults.Add(baselineFaulted);
                allocations.Add(allocated);
                deserializeTimes.Add(deserializeMs);
                deserializeAllocations.Add(deserializeAllocated);
            }
        }

        return new Result(jsonBytes, times, allocations, deserializeTimes, deserializeAllocations, baselineTimes, freshStoreTimes, faults, baselineFaults);
    }

    /// <summary>One invocation of the processor: its milliseconds, allocated bytes and minor page faults.</summary>
    private static async Task<(double Milliseconds, long Allocated, long PageFaults)> TimeBatchAsync(BatchProcessor processor, byte[] payload, BenchLambdaContext context)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var faultsBefore = PageFaults.Minor();
        var watch = Stopwatch.StartNew();
        var response = await processor.InvokeAsync(payload, context, CancellationToken.None);
        watch.Stop();
        var faults = PageFaults.Minor() - faultsBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        if (response.Length == 0)
        {
            throw new InvalidOperationException("the processor returned no summary");
        }

        return (watch.Elapsed.TotalMilliseconds, allocated, faults);
    }

    /// <summary>The share of the event model alone (Contract): deserializing, with every body decoded.</summary>
    private static (double Milliseconds, long Allocated) TimeDeserialize(byte[] payload, int messages)
    {
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var mqEvent = JsonSerializer.Deserialize(payload, MqEventSerializerContext.Default.ActiveMqEvent)!;
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        if (mqEvent.Messages.Count != messages)
        {
            throw new InvalidOperationException($"expected {messages} messages, read {mqEvent.Messages.Count}");
        }

        return (watch.Elapsed.TotalMilliseconds, allocated);
    }

    /// <summary>The baseline, timed in the same run: the same bytes into a minimal record; its milliseconds and minor page faults.</summary>
    private static (double Milliseconds, long PageFaults) TimeBaseline(byte[] payload, int messages)
    {
        GC.Collect();
        var faultsBefore = PageFaults.Minor();
        var watch = Stopwatch.StartNew();
        var baseline = JsonSerializer.Deserialize(payload, BaselineJsonContext.Default.BaselineEvent)!;
        watch.Stop();
        var faults = PageFaults.Minor() - faultsBefore;
        if (baseline.Messages.Count != messages)
        {
            throw new InvalidOperationException($"expected {messages} messages in the baseline, read {baseline.Messages.Count}");
        }

        return (watch.Elapsed.TotalMilliseconds, faults);
    }

    private static InMemoryIdempotencyStore NewStore() => new(new IdempotencyOptions(), TimeProvider.System);

    /// <summary>The processor as the benchmarks run it: no dead letters expected, metrics written to nowhere.</summary>
    internal static BatchProcessor NewProcessor(IMessageDispatcher dispatcher, IIdempotencyStore store) =>
        new(dispatcher, store, new NeverCalledSink(), DefaultExceptionClassifier.Instance, new ProcessingOptions { HandlerName = "noop" },
            new BatchMetrics(new DiscardedLines(), LogLevel.Information, "bench", TimeProvider.System), TimeProvider.System);

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Events of messages not seen before: each one's ids go on from the last one's.</summary>
    private sealed class EventSequence(int messages)
    {
        private int _next = 1;

        public byte[] Next()
        {
            var payload = BenchEvent.Create(messages, _next);
            _next += messages;
            return payload;
        }
    }

    private sealed class NeverCalledSink : IDeadLetterSink
    {
        public Task<IReadOnlyList<DeadLetterFailure>> SendAsync(IReadOnlyList<DeadLetterMessage> messages, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the benchmark event has no poison messages");
    }

    /// <summary>The metrics line is part of the cost measured, but not printed.</summary>
    private sealed class DiscardedLines : ILogLineWriter
    {
        public void WriteLine(ReadOnlySpan<byte> utf8Line)
        {
        }
    }
}
