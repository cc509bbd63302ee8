using System.Text;
using Functions.DeadLetter;
using Functions.Handlers;
using Functions.Idempotency;
using Functions.Runtime.Runtime;

namespace Functions.Processing;

internal sealed partial class BatchProcessor
{
    /// <summary>Claims, decodes and dispatches one message; records its outcome or queues its dead letter.</summary>
    private async Task HandleAsync(MqBatch batch, InboundMessage message, ILambdaContext lambda, DateTimeOffset inProgressUntil,
        BatchRun run, List<PendingDeadLetter> pending, CancellationToken handlerToken, CancellationToken cancellationToken)
    {
        IdempotencyClaim claim;
        try
        {
            claim = await _store.TryBeginAsync(message.OriginalId, inProgressUntil, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Without the store we cannot know whether it was processed before: processing it could duplicate it.
            run.Record(message, MessageOutcome.Retry, $"the idempotency store failed: {ex.GetType().Name}: {ex.Message}");
            return;
        }

        if (claim == IdempotencyClaim.AlreadyCompleted)
        {
            run.Record(message, MessageOutcome.Skipped);
            return;
        }

        if (claim == IdempotencyClaim.InProgress)
        {
            run.Record(message, MessageOutcome.Retry, "another invocation is handling this message now");
            return;
        }

        if (!message.Data.IsValid)
        {
            var reason = message.Data.RawText is null ? "data is missing" : $"data is not base64: {message.Data.Error}";
            pending.Add(NewDeadLetter(batch, message, lambda, "InvalidData", reason));
            return;
        }

        HandlerResult result;
        try
        {
            result = await _dispatcher.DispatchAsync(message.Data.Bytes, message.Context, handlerToken);
        }
        catch (OperationCanceledException) when (handlerToken.IsCancellationRequested)
        {
            await ReleaseAsync(message, lambda, cancellationToken);
            run.Record(message, MessageOutcome.Retry, "the handler was cancelled: the invocation's deadline is near");
            return;
        }
        catch (Exception ex)
        {
            if (_classifier.Classify(ex) == FailureKind.Permanent)
            {
                pending.Add(NewDeadLetter(batch, message, lambda, ex.GetType().FullName ?? ex.GetType().Name, ex.Message));
                return;
            }

            await ReleaseAsync(message, lambda, cancellationToken);
            run.Record(message, MessageOutcome.Retry, $"{ex.GetType().Name}: {ex.Message}");
            return;
        }

        if (result.PoisonReason is { } poison)
        {
            pending.Add(NewDeadLetter(batch, message, lambda, "Poison", poison));
            return;
        }

        await CompleteAsync(message, lambda, cancellationToken);
        run.Record(message, MessageOutcome.Processed);
    }

    private async Task CompleteAsync(InboundMessage message, ILambdaContext lambda, CancellationToken cancellationToken)
    {
        try
        {
            await _store.CompleteAsync(message.OriginalId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The message is handled; only a redelivery of this batch would handle it again (at-least-once).
            lambda.Logger.IdempotencyCompleteFailed(message.MessageId, message.OriginalId, ex.Message);
        }
    }

    private async Task ReleaseAsync(InboundMessage message, ILambdaContext lambda, CancellationToken cancellationToken)
    {
        try
        {
            await _store.ReleaseAsync(message.OriginalId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The claim lapses at this invocation's deadline; until then a redelivery is told to retry.
            lambda.Logger.IdempotencyReleaseFailed(message.MessageId, message.OriginalId, ex.Message);
        }
    }

    private PendingDeadLetter NewDeadLetter(MqBatch batch, InboundMessage message, ILambdaContext lambda, string errorType, string errorMessage)
    {
        // A body that was not base64 is kept as the text Lambda sent, so nothing of it is lost.
        var body = message.Data.IsValid ? message.Data.Bytes : Encoding.UTF8.GetBytes(message.Data.RawText ?? string.Empty);
        var provenance = new DeadLetterProvenance
        {
            MessageId = message.MessageId,
            OriginalId = message.OriginalId,
            Queue = message.Context.Queue,
            BrokerArn = batch.BrokerArn,
            EventSource = batch.EventSource,
            CorrelationId = message.Context.CorrelationId,
            DeliveryMode = message.Context.DeliveryMode,
            MessageType = message.Context.MessageType,
            Type = message.Context.Type,
            ReplyTo = message.Context.ReplyTo,
            Priority = message.Context.Priority,
            Expiration = message.Context.Expiration,
            Timestamp = message.Context.Timestamp,
            Redelivered = message.Context.Redelivered,
            ErrorType = errorType,
            ErrorMessage = errorMessage,
            Handler = _options.HandlerName,
            RequestId = lambda.AwsRequestId,
            Time = _timeProvider.GetUtcNow(),
        };
        return new PendingDeadLetter(message, new DeadLetterMessage(body, provenance, message.Context.Properties), errorMessage);
    }
}
