using System.Diagnostics;
using Functions.Framework;
using Functions.Framework.Idempotency;
using Functions.Framework.Processing;
using Functions.Tests.Processing;

namespace Functions.Bench;

/// <summary>
/// A batch of 10 through the real <see cref="BatchProcessor"/>, side by side: on the in-memory store, and on a store
/// whose every call takes 10 ms (DynamoDB's order of magnitude; moto cannot stand in, it serializes calls), counting
/// the store round trips the batch waited for one after the other.
/// </summary>
internal static class IdempotencyBenchmark
{
    public static readonly TimeSpan RoundTrip = TimeSpan.FromMilliseconds(10);

    public sealed record Result(IReadOnlyList<double> InMemoryMs, IReadOnlyList<double> DelayedMs, int MaxRoundTrips, int Calls, int MaxInFlight);

    public static async Task<Result> RunAsync(int messages, int warmups, int runs)
    {
        var payload = BenchEvent.Create(messages);
        var inMemory = new List<double>();
        var delayed = new List<double>();
        var (maxRoundTrips, calls, maxInFlight) = (0, 0, 0);
        for (var i = 0; i < warmups + runs; i++)
        {
            // Alternate, so that a noisy neighbour on the shared cores hurts both alike; a fresh store per run.
            var memoryMs = await InvokeAsync(payload, NewInMemoryStore());
            var store = new DelayedIdempotencyStore(NewInMemoryStore(), RoundTrip, TimeProvider.System);
            var delayedMs = await InvokeAsync(payload, store);
            if (i >= warmups)
            {
                inMemory.Add(memoryMs);
                delayed.Add(delayedMs);
                maxRoundTrips = Math.Max(maxRoundTrips, store.SequentialRoundTrips);
                (calls, maxInFlight) = (store.Calls, Math.Max(maxInFlight, store.MaxInFlight));
            }
        }

        return new Result(inMemory, delayed, maxRoundTrips, calls, maxInFlight);
    }

    private static InMemoryIdempotencyStore NewInMemoryStore() => new(new IdempotencyOptions(), TimeProvider.System);

    private static async Task<double> InvokeAsync(byte[] payload, IIdempotencyStore store)
    {
        var dispatcher = new MessageDispatcher<ReadOnlyMemory<byte>>(BodyDecoders.Bytes, new NoOpHandler());
        var processor = BatchBenchmark.NewProcessor(dispatcher, store);
        var watch = Stopwatch.StartNew();
        await processor.InvokeAsync(payload, new BenchLambdaContext(), CancellationToken.None);
        return watch.Elapsed.TotalMilliseconds;
    }
}
