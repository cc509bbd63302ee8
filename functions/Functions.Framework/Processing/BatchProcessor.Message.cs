using System.Text;
using Functions.Framework.DeadLetter;
using Functions.Framework.Idempotency;

namespace Functions.Framework.Processing;

internal sealed partial class BatchProcessor
{
    /// <summary>Claims, decodes and dispatches one message; records its outcome or queues its dead letter.</summary>
    private async Task HandleAsync(InboundMessage message, BatchRun run, CancellationToken cancellationToken)
    {
        if (!await ClaimAsync(message, run, cancellationToken))
        {
            return;
        }

        if (!message.Data.IsValid)
        {
            var reason = message.Data.RawText is null ? "data is missing" : $"data is not base64: {message.Data.Error}";
            run.PendingDeadLetters.Add(NewDeadLetter(message, "InvalidData", reason));
            return;
        }

        HandlerResult result;
        try
        {
            result = await _dispatcher.DispatchAsync(message.Data.Bytes, message.Context, run.HandlerToken);
        }
        catch (OperationCanceledException) when (run.HandlerToken.IsCancellationRequested)
        {
            await ReleaseAsync(message, cancellationToken);
            run.Record(message, MessageOutcome.Retry, "the handler was cancelled: the invocation's deadline is near");
            return;
        }
        catch (Exception ex)
        {
            if (_classifier.Classify(ex) == FailureKind.Permanent)
            {
                run.PendingDeadLetters.Add(NewDeadLetter(message, ex.GetType().FullName ?? ex.GetType().Name, ex.Message));
                return;
            }

            await ReleaseAsync(message, cancellationToken);
            run.Record(message, MessageOutcome.Retry, $"{ex.GetType().Name}: {ex.Message}");
            return;
        }

        if (result.PoisonReason is { } poison)
        {
            run.PendingDeadLetters.Add(NewDeadLetter(message, "Poison", poison));
            return;
        }

        await CompleteAsync(message, cancellationToken);
        run.Record(message, MessageOutcome.Processed);
    }

    /// <summary>Claims the message in the idempotency store; false, with its outcome recorded, when it must not be handled now.</summary>
    private async Task<bool> ClaimAsync(InboundMessage message, BatchRun run, CancellationToken cancellationToken)
    {
        IdempotencyClaim claim;
        try
        {
            claim = await _store.TryBeginAsync(message.OriginalId, run.InProgressUntil, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Without the store we cannot know whether it was processed before: processing it could duplicate it.
            run.Record(message, MessageOutcome.Retry, $"the idempotency store failed: {ex.GetType().Name}: {ex.Message}");
            return false;
        }

        if (claim == IdempotencyClaim.AlreadyCompleted)
        {
            run.Record(message, MessageOutcome.Skipped);
            return false;
        }

        if (claim == IdempotencyClaim.InProgress)
        {
            run.Record(message, MessageOutcome.Retry, "another invocation is handling this message now");
            return false;
        }

        return true;
    }

    private async Task CompleteAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _store.CompleteAsync(message.OriginalId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The message is handled; only a redelivery of this batch would handle it again (at-least-once).
            message.Context.Lambda.Logger.IdempotencyCompleteFailed(message.MessageId, message.OriginalId, ex.Message);
        }
    }

    private async Task ReleaseAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _store.ReleaseAsync(message.OriginalId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The claim lapses at this invocation's deadline; until then a redelivery is told to retry.
            message.Context.Lambda.Logger.IdempotencyReleaseFailed(message.MessageId, message.OriginalId, ex.Message);
        }
    }

    private PendingDeadLetter NewDeadLetter(InboundMessage message, string errorType, string errorMessage)
    {
        // A body that was not base64 is kept as the text Lambda sent, so nothing of it is lost.
        var body = message.Data.IsValid ? message.Data.Bytes : Encoding.UTF8.GetBytes(message.Data.RawText ?? string.Empty);
        var provenance = new DeadLetterProvenance(message.Context)
        {
            ErrorType = errorType,
            ErrorMessage = errorMessage,
            Handler = _options.HandlerName,
            Time = _timeProvider.GetUtcNow(),
        };
        return new PendingDeadLetter(message, new DeadLetterMessage(body, provenance, message.Context.Properties), errorMessage);
    }
}
