using LocalEventSource.Delivery;
using LocalEventSource.Invocation;
using Microsoft.Extensions.Logging;

namespace LocalEventSource.Polling;

/// <summary>
/// The local event source mapping: <see cref="EventSourceOptions.Concurrency"/> pollers on one queue, each with its
/// own execution environment from <c>createInvoker</c>, sharing one delivery count.
/// </summary>
internal sealed class EventSourceMapping(
    EventSourceOptions options,
    Func<int, IFunctionInvoker> createInvoker,
    IEventSourceObserver observer,
    TimeProvider time,
    ILoggerFactory loggers)
{
    /// <summary>Runs every poller until <paramref name="cancellationToken"/> is cancelled, then shuts the environments down.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        var tracker = new DeliveryTracker(options.MaximumRedeliveries);
        var logger = loggers.CreateLogger<EventSourceMapping>();
        var invokers = Enumerable.Range(1, options.Concurrency).Select(createInvoker).ToList();
        try
        {
            logger.MappingStarted(options.Queue, options.Broker, options.Concurrency, options.Batching.BatchSize, options.Batching.MaximumBatchingWindow.TotalSeconds);
            var pollers = invokers.Select((invoker, i) => new Poller(i + 1, options, tracker, invoker, observer, time, loggers.CreateLogger<Poller>()));
            await Task.WhenAll(pollers.Select(p => p.RunAsync(cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            foreach (var invoker in invokers)
            {
                await invoker.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
