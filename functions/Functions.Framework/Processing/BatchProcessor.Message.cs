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
            await ReleaseAsync(message, run, cancellationToken);
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

            await ReleaseAsync(message, run, cancellationToken);
            run.Record(message, MessageOutcome.Retry, $"{ex.GetType().Name}: {ex.Message}");
            return;
        }

        if (result.PoisonReason is { } poison)
        {
            run.PendingDeadLetters.Add(NewDeadLetter(message, "Poison", poison));
            return;
        }

        await FinishAsync(message, IdempotencyState.Completed, cancellationToken);
        run.Record(message, MessageOutcome.Processed);
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
