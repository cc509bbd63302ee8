using Functions.Framework.DeadLetter;
using Functions.Framework.Idempotency;

namespace Functions.Framework.Processing;

internal sealed partial class BatchProcessor
{
    /// <summary>
    /// Sends the batch's dead letters in one go. Only a confirmed dead letter counts as dead-lettered and is
    /// recorded in the idempotency store; one that could not be stored is released and retried with the batch. The
    /// store writes overlap (<see cref="StoreCallWindow"/>).
    /// </summary>
    private async Task FlushDeadLettersAsync(BatchRun run, CancellationToken cancellationToken)
    {
        var pending = run.PendingDeadLetters;
        if (pending.Count == 0)
        {
            return;
        }

        var failed = new Dictionary<DeadLetterMessage, string>(ReferenceEqualityComparer.Instance);
        try
        {
            foreach (var failure in await _sink.SendAsync(pending.ConvertAll(p => p.Letter), cancellationToken))
            {
                failed[failure.Message] = failure.Reason;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            foreach (var p in pending)
            {
                failed[p.Letter] = $"{ex.GetType().Name}: {ex.Message}";
            }
        }

        foreach (var p in pending)
        {
            if (failed.TryGetValue(p.Letter, out var reason))
            {
                var release = ReleaseAsync(p.Message, run, cancellationToken);
                run.Record(p.Message, MessageOutcome.Retry, $"dead-lettering failed ({reason}); it had failed with: {p.Reason}");
                await run.StoreCalls.AddWriteAsync(release);
            }
            else
            {
                var record = FinishAsync(p.Message, IdempotencyState.DeadLettered, cancellationToken);
                run.Record(p.Message, MessageOutcome.DeadLettered, p.Reason);
                await run.StoreCalls.AddWriteAsync(record);
            }
        }
    }
}
