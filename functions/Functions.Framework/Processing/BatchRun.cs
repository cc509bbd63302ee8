using Functions.Framework.Idempotency;
using Functions.Runtime.Runtime;
using Microsoft.Extensions.Logging;

namespace Functions.Framework.Processing;

/// <summary>
/// One invocation in progress: its batch, how long its claims hold, the token its handlers get, its store calls in
/// flight, the dead letters waiting to be sent, and the outcomes so far — each message's recorded and logged exactly once.
/// </summary>
internal sealed class BatchRun
{
    private readonly ILambdaContext _lambda;
    private readonly ILogger _logger;
    private readonly int[] _counts = new int[Enum.GetValues<MessageOutcome>().Length];

    public BatchRun(MqBatch batch, ILambdaContext lambda, IIdempotencyStore store, DateTimeOffset inProgressUntil, CancellationToken handlerToken)
    {
        _lambda = lambda;
        _logger = lambda.Logger;
        Batch = batch;
        InProgressUntil = inProgressUntil;
        HandlerToken = handlerToken;
        StoreCalls = new StoreCallWindow(store, this);
    }

    public MqBatch Batch { get; }

    /// <summary>The invocation's request id: it owns the claims this run makes.</summary>
    public string RequestId => _lambda.AwsRequestId;

    /// <summary>Until when this invocation's idempotency claims hold: its deadline, so a crash never blocks a message longer.</summary>
    public DateTimeOffset InProgressUntil { get; }

    /// <summary>Cancelled at the deadline's safety margin (or when the invocation is cancelled); handlers get it.</summary>
    public CancellationToken HandlerToken { get; }

    /// <summary>The idempotency store calls in flight: claims taken ahead, outcomes being written.</summary>
    public StoreCallWindow StoreCalls { get; }

    /// <summary>Dead letters to send at the end of the batch, in one go.</summary>
    public List<PendingDeadLetter> PendingDeadLetters { get; } = [];

    /// <summary>The first message that needs a retry, and why; null when none does.</summary>
    public (InboundMessage Message, string Reason)? FirstRetry { get; private set; }

    public int Count(MessageOutcome outcome) => _counts[(int)outcome];

    /// <summary>This invocation asking to handle <paramref name="message"/>.</summary>
    public IdempotencyClaimant ClaimantFor(InboundMessage message) =>
        new(RequestId, message.MessageId, message.Context.Headers.Redelivered, InProgressUntil);

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
            case MessageOutcome.SkippedDeadLettered:
                _logger.MessageSkippedDeadLettered(message.MessageId, message.OriginalId, message.Key.Value);
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
        Batch.Messages.Count, Count(MessageOutcome.Processed), Count(MessageOutcome.Skipped) + Count(MessageOutcome.SkippedDeadLettered),
        Count(MessageOutcome.DeadLettered), Count(MessageOutcome.Retry), (long)duration.TotalMilliseconds);
}
