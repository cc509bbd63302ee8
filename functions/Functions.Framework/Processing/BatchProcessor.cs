using System.Text.Json;
using Functions.Framework.DeadLetter;
using Functions.Framework.Idempotency;
using Functions.Framework.Metrics;
using Functions.Runtime.Runtime;
using Microsoft.Extensions.Logging;
using Polly;

namespace Functions.Framework.Processing;

/// <summary>
/// Handles one invocation: reads the batch, gives every message exactly one outcome (processed, skipped as already
/// processed, dead-lettered, or retry), logs each with its ids and one summary line, publishes the counts as
/// metrics, and fails the invocation when any message needs a retry — after recording the others, so that the
/// redelivered batch skips them.
/// </summary>
internal sealed partial class BatchProcessor : IInvocationHandler
{
    public const string BatchRetryErrorType = "Function.BatchRetry";

    private readonly IMessageDispatcher _dispatcher;
    private readonly IIdempotencyStore _store;
    private readonly IDeadLetterSink _sink;
    private readonly IExceptionClassifier _classifier;
    private readonly ProcessingOptions _options;
    private readonly BatchMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ResiliencePipeline _finishRetry;

    public BatchProcessor(IMessageDispatcher dispatcher, IIdempotencyStore store, IDeadLetterSink sink,
        IExceptionClassifier classifier, ProcessingOptions options, BatchMetrics metrics, TimeProvider timeProvider)
    {
        _dispatcher = dispatcher;
        _store = store;
        _sink = sink;
        _classifier = classifier;
        _options = options;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _finishRetry = NewFinishRetry(timeProvider);
    }

    /// <exception cref="FunctionErrorException">
    /// The payload is not an Amazon MQ event (<see cref="MqEventReader.InvalidEventErrorType"/>), or some messages
    /// must be retried (<see cref="BatchRetryErrorType"/>).
    /// </exception>
    public async Task<ReadOnlyMemory<byte>> InvokeAsync(ReadOnlyMemory<byte> payload, ILambdaContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = _timeProvider.GetTimestamp();
        var batch = MqEventReader.Read(payload.Span, _options.OriginIdProperty, context);
        var run = await ProcessAsync(batch, context, cancellationToken);
        var summary = run.Summarize(_timeProvider.GetElapsedTime(started));
        context.Logger.BatchCompleted(summary.Total, batch.EventSource, batch.BrokerArn, summary.Processed, summary.Skipped,
            summary.DeadLettered, summary.Retry, summary.DurationMs);
        _metrics.Publish(batch, summary, context.AwsRequestId);
        if (run.FirstRetry is { } first)
        {
            throw new FunctionErrorException(BatchRetryErrorType,
                $"{summary.Retry} of {summary.Total} messages must be retried, so the batch fails and the broker redelivers it " +
                $"({summary.Processed + summary.Skipped} processed and {summary.DeadLettered} dead-lettered are recorded and will be skipped). " +
                $"First: message '{first.Message.MessageId}': {first.Reason}");
        }

        return JsonSerializer.SerializeToUtf8Bytes(summary, FunctionsJsonContext.Default.BatchSummary);
    }

    /// <summary>
    /// Gives every message of <paramref name="batch"/> its outcome; never throws for a message's sake. Handlers run one
    /// by one, in order; the store calls around them overlap (<see cref="StoreCallWindow"/>): claims are taken ahead
    /// and outcomes written without waiting, so a batch of 10 waits for two store round trips, not 20.
    /// </summary>
    /// <remarks>
    /// A claim taken ahead is an ordinary in-progress claim: owned by this invocation's request id and the message's
    /// delivery (<c>messageID</c>) until this invocation's deadline. When this invocation stops at the safety margin,
    /// it releases the claims of the messages it did not start, so their redelivery handles them at once. When it
    /// crashes (or times out), the claims of the messages it had not finished stay in progress — up to
    /// <see cref="StoreCallWindow.MaxInFlight"/> beyond the one being handled, and those whose completion write was
    /// still in flight: the broker's redelivery of the batch (same <c>messageID</c>, flagged redelivered) takes each
    /// over at once and handles it (again, if only its completion write was lost: at least once); another delivery of
    /// the same key (a duplicate send) is retried until the crashed invocation's deadline has passed, then handled.
    /// </remarks>
    private async Task<BatchRun> ProcessAsync(MqBatch batch, ILambdaContext context, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var hasDeadline = context.Deadline != DateTimeOffset.MaxValue;
        var margin = hasDeadline ? Max(Min(_options.SafetyMargin, (context.Deadline - now) / 4), TimeSpan.Zero) : TimeSpan.Zero;
        var stopAt = hasDeadline ? context.Deadline - margin : DateTimeOffset.MaxValue;

        // A crashed or timed-out invocation leaves its claims in progress; they lapse at its deadline.
        var inProgressUntil = hasDeadline ? context.Deadline : now + TimeSpan.FromMinutes(15);
        // Lambda allows at most 15 minutes; the cap only guards the timer against a nonsensical deadline.
        using var deadline = hasDeadline
            ? new CancellationTokenSource(Min(Max(stopAt - now, TimeSpan.Zero), TimeSpan.FromDays(1)), _timeProvider)
            : new CancellationTokenSource();
        using var handlerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var run = new BatchRun(batch, context, _store, inProgressUntil, handlerCancellation.Token);

        for (var i = 0; i < batch.Messages.Count; i++)
        {
            var current = _timeProvider.GetUtcNow();
            if (run.HandlerToken.IsCancellationRequested || current >= stopAt)
            {
                var left = context.Deadline - current;
                for (var j = i; j < batch.Messages.Count; j++)
                {
                    await ReleaseClaimedAheadAsync(j, run, cancellationToken);
                    run.Record(batch.Messages[j], MessageOutcome.Retry,
                        $"not started: {Math.Max(0, (long)left.TotalMilliseconds)} ms left before the deadline, within the {(long)margin.TotalMilliseconds} ms safety margin");
                }

                break;
            }

            run.StoreCalls.ClaimAhead(i, cancellationToken);
            await HandleAsync(i, run, cancellationToken);
        }

        await FlushDeadLettersAsync(run, cancellationToken);
        await run.StoreCalls.DrainWritesAsync();
        return run;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
