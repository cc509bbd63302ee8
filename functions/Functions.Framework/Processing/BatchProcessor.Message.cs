using System.Text;
using Functions.Framework.DeadLetter;
using Functions.Framework.Idempotency;

namespace Functions.Framework.Processing;

internal sealed partial class BatchProcessor
{
    /// <summary>
    /// Claims, decodes and dispatches message <paramref name="index"/>; records its outcome or queues its dead letter.
    /// Its outcome is written to the store without waiting (<see cref="StoreCallWindow"/>); the writes are started
    /// before the outcome is logged, so that a write the store finishes at once logs in the same order as before.
    /// </summary>
    private async Task HandleAsync(int index, BatchRun run, CancellationToken cancellationToken)
    {
        if (!await ClaimAsync(index, run, cancellationToken))
        {
            return;
        }

        var message = run.Batch.Messages[index];

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
            var release = ReleaseAsync(message, run, cancellationToken);
            run.Record(message, MessageOutcome.Retry, "the handler was cancelled: the invocation's deadline is near");
            await run.StoreCalls.AddWriteAsync(release);
            return;
        }
        catch (Exception ex)
        {
            if (_classifier.Classify(ex) == FailureKind.Permanent)
            {
                run.PendingDeadLetters.Add(NewDeadLetter(message, ex.GetType().FullName ?? ex.GetType().Name, ex.Message));
                return;
            }

            var release = ReleaseAsync(message, run, cancellationToken);
            run.Record(message, MessageOutcome.Retry, $"{ex.GetType().Name}: {ex.Message}");
            await run.StoreCalls.AddWriteAsync(release);
            return;
        }

        if (result.PoisonReason is { } poison)
        {
            run.PendingDeadLetters.Add(NewDeadLetter(message, "Poison", poison));
            return;
        }

        var completion = FinishAsync(message, IdempotencyState.Completed, cancellationToken);
        run.Record(message, MessageOutcome.Processed);
        await run.StoreCalls.AddWriteAsync(completion);
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
