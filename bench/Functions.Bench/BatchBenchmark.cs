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
/// complete it in a fresh in-memory idempotency store, and dispatch it to a no-op handler.
/// </summary>
internal static class BatchBenchmark
{
    public sealed record Result(int JsonBytes, IReadOnlyList<double> Milliseconds, IReadOnlyList<long> AllocatedBytes,
        IReadOnlyList<double> DeserializeMilliseconds, IReadOnlyList<long> DeserializeAllocatedBytes)
    {
        public double MedianMs => Median(Milliseconds);

        public double MedianAllocated => Median(AllocatedBytes.Select(b => (double)b).ToList());

        public double AllocRatio => MedianAllocated / JsonBytes;

        public double DeserializeMedianMs => Median(DeserializeMilliseconds);

        public double DeserializeAllocRatio => Median(DeserializeAllocatedBytes.Select(b => (double)b).ToList()) / JsonBytes;
    }

    public static async Task<Result> RunAsync(int messages, int warmups, int runs)
    {
        var payload = BenchEvent.Create(messages);
        var context = new BenchLambdaContext();
        var dispatcher = new MessageDispatcher<ReadOnlyMemory<byte>>(BodyDecoders.Bytes, new NoOpHandler());
        var options = new ProcessingOptions { HandlerName = "noop" };
        var times = new List<double>();
        var allocations = new List<long>();
        var deserializeTimes = new List<double>();
        var deserializeAllocations = new List<long>();
        for (var i = 0; i < warmups + runs; i++)
        {
            // A fresh store per run: otherwise every later run would only skip already-processed messages.
            var store = new InMemoryIdempotencyStore(new IdempotencyOptions(), TimeProvider.System);
            var metrics = new BatchMetrics(new DiscardedLines(), LogLevel.Information, "bench", TimeProvider.System);
            var processor = new BatchProcessor(dispatcher, store, new NeverCalledSink(), DefaultExceptionClassifier.Instance, options, metrics, TimeProvider.System);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var response = await processor.InvokeAsync(payload, context, CancellationToken.None);
            watch.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            if (response.Length == 0)
            {
                throw new InvalidOperationException("the processor returned no summary");
            }

            // The share of the event model alone (Contract): deserializing, with every body decoded.
            GC.Collect();
            before = GC.GetTotalAllocatedBytes(precise: true);
            var deserializeWatch = Stopwatch.StartNew();
            var mqEvent = JsonSerializer.Deserialize(payload, MqEventSerializerContext.Default.ActiveMqEvent)!;
            deserializeWatch.Stop();
            var deserializeAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            if (mqEvent.Messages.Count != messages)
            {
                throw new InvalidOperationException($"expected {messages} messages, read {mqEvent.Messages.Count}");
            }

            if (i >= warmups)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
                allocations.Add(allocated);
                deserializeTimes.Add(deserializeWatch.Elapsed.TotalMilliseconds);
                deserializeAllocations.Add(deserializeAllocated);
            }
        }

        return new Result(payload.Length, times, allocations, deserializeTimes, deserializeAllocations);
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
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
