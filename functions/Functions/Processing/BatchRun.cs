using Functions.Runtime.Runtime;
using Microsoft.Extensions.Logging;

namespace Functions.Processing;

/// <summary>The outcomes of one batch so far: records and logs each message's outcome exactly once.</summary>
internal sealed class BatchRun(MqBatch batch, ILambdaContext lambda)
{
    private readonly ILogger _logger = lambda.Logger;
    private readonly int[] _counts = new int[Enum.GetValues<MessageOutcome>().Length];

    public MqBatch Batch { get; } = batch;

    public ILambdaContext Lambda { get; } = lambda;

    /// <summary>The first message that needs a retry, and why; null when none does.</summary>
    public (InboundMessage Message, string Reason)? FirstRetry { get; private set; }

    public int Count(MessageOutcome outcome) => _counts[(int)outcome];

    public void Record(InboundMessage message, MessageOutcome outcome, string? reason = null)
    {
        _counts[(int)outcome]++;
        switch (outcome)
        {
            case MessageOutcome.Processed:
                _logger.MessageProcessed(message.MessageId, message.OriginalId);
                break;
            case MessageOutcome.Skipped:
                _logger.MessageSkipped(message.MessageId, message.OriginalId);
                break;
            case MessageOutcome.DeadLettered:
                _logger.MessageDeadLettered(message.MessageId, message.OriginalId, reason);
                break;
            default:
                FirstRetry ??= (message, reason ?? "unknown");
                _logger.MessageRetry(message.MessageId, message.OriginalId, reason);
                break;
        }
    }

    public BatchSummary Summarize(TimeSpan duration) => new(
        Batch.Messages.Count, Count(MessageOutcome.Processed), Count(MessageOutcome.Skipped),
        Count(MessageOutcome.DeadLettered), Count(MessageOutcome.Retry), (long)duration.TotalMilliseconds);
}
