using Functions.Framework.Idempotency;
using Polly;
using Polly.Retry;

namespace Functions.Framework.Processing;

internal sealed partial class BatchProcessor
{
    private static readonly ResiliencePropertyKey<InboundMessage> RetriedMessage = new("message");
    private static readonly ResiliencePropertyKey<IdempotencyState> RetriedOutcome = new("outcome");

    /// <summary>
    /// Retries a failed write of a final outcome a few times within about a second (well inside the deadline's safety
    /// margin): a lost write means a redelivery handles the message again, or dead-letters a second copy.
    /// </summary>
    private static ResiliencePipeline NewFinishRetry(TimeProvider timeProvider) => new ResiliencePipelineBuilder { TimeProvider = timeProvider }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            OnRetry = args =>
            {
                var message = args.Context.Properties.GetValue(RetriedMessage, default);
                message.Context.Lambda.Logger.IdempotencyFinishRetrying(message.MessageId, message.Key.Value,
                    args.Context.Properties.GetValue(RetriedOutcome, default).ToString(), args.AttemptNumber + 1,
                    args.Outcome.Exception?.Message ?? "unknown");
                return default;
            },
        })
        .Build();

    /// <summary>Claims message <paramref name="index"/> in the idempotency store; false, with its outcome recorded, when it must not be handled now.</summary>
    private static async Task<bool> ClaimAsync(int index, BatchRun run, CancellationToken cancellationToken)
    {
        var message = run.Batch.Messages[index];
        IdempotencyClaim claim;
        try
        {
            claim = await run.StoreCalls.ClaimAsync(index, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Without the store we cannot know whether it was processed before: processing it could duplicate it.
            run.Record(message, MessageOutcome.Retry, $"the idempotency store failed: {ex.GetType().Name}: {ex.Message}");
            return false;
        }

        switch (claim)
        {
            case IdempotencyClaim.AlreadyCompleted:
                run.Record(message, MessageOutcome.Skipped);
                return false;
            case IdempotencyClaim.AlreadyDeadLettered:
                run.Record(message, MessageOutcome.SkippedDeadLettered);
                return false;
            case IdempotencyClaim.InProgress:
                run.Record(message, MessageOutcome.Retry, "another invocation is handling this message now");
                return false;
            default:
                return true;
        }
    }

    /// <summary>Records the message's final outcome, retried; a write that still fails is logged, not thrown.</summary>
    private async Task FinishAsync(InboundMessage message, IdempotencyState outcome, CancellationToken cancellationToken)
    {
        // The first attempt is started here: a write the store finishes at once (the in-memory store, every message)
        // costs no trip through the retry pipeline; any other is that pipeline's first attempt, as before.
        var first = StartFinishAsync(_store, message, outcome, cancellationToken);
        if (first.IsCompletedSuccessfully)
        {
            first.GetAwaiter().GetResult();
            return;
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RetriedMessage, message);
        context.Properties.Set(RetriedOutcome, outcome);
        try
        {
            await _finishRetry.ExecuteAsync(
                static (ctx, attempts) => attempts.NextAsync(ctx.CancellationToken),
                context, new FinishAttempts(_store, message, outcome, first));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var logger = message.Context.Lambda.Logger;
            if (outcome == IdempotencyState.DeadLettered)
            {
                logger.IdempotencyDeadLetterFailed(message.MessageId, message.OriginalId, ex.Message);
            }
            else
            {
                // The message is handled; only a redelivery of this batch would handle it again (at-least-once).
                logger.IdempotencyCompleteFailed(message.MessageId, message.OriginalId, ex.Message);
            }
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // A store that throws instead of returning a failed task fails the attempt the same way (the pipeline caught it before).
    private static ValueTask StartFinishAsync(IIdempotencyStore store, InboundMessage message, IdempotencyState outcome, CancellationToken cancellationToken)
    {
        try
        {
            return store.FinishAsync(message.Key, outcome, cancellationToken);
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(ex);
        }
    }

    /// <summary>The attempts of one outcome write under the retry pipeline: the first one already started, then new ones.</summary>
    private sealed class FinishAttempts(IIdempotencyStore store, InboundMessage message, IdempotencyState outcome, ValueTask first)
    {
        private ValueTask? _first = first;

        public ValueTask NextAsync(CancellationToken cancellationToken)
        {
            if (_first is { } started)
            {
                _first = null;
                return started;
            }

            return StartFinishAsync(store, message, outcome, cancellationToken);
        }
    }

    /// <summary>Gives up the claim taken ahead for message <paramref name="index"/>, which will not be started, if it was taken.</summary>
    private async Task ReleaseClaimedAheadAsync(int index, BatchRun run, CancellationToken cancellationToken)
    {
        if (run.StoreCalls.TakeClaimAheadAsync(index) is not { } ahead)
        {
            return;
        }

        try
        {
            if (await ahead != IdempotencyClaim.Started)
            {
                return;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The claim failed, so there is nothing to give up; the message is retried with the others not started.
            return;
        }

        await run.StoreCalls.AddWriteAsync(ReleaseAsync(run.Batch.Messages[index], run, cancellationToken));
    }

    private async Task ReleaseAsync(InboundMessage message, BatchRun run, CancellationToken cancellationToken)
    {
        try
        {
            await _store.ReleaseAsync(message.Key, run.RequestId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The claim lapses at this invocation's deadline, or goes to the broker's redelivery of this message.
            message.Context.Lambda.Logger.IdempotencyReleaseFailed(message.MessageId, message.OriginalId, ex.Message);
        }
    }
}
