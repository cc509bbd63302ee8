namespace LocalPipeline.Tracking;

/// <summary>Distinct producer messages per stage, plus invocation totals and messages from elsewhere ("others").</summary>
internal sealed record PipelineCounts(
    int Sent,
    int Forwarded,
    int Invoked,
    int Processed,
    int DeadLetteredSqs,
    int DeadLetteredBroker,
    int Parked,
    int Invocations,
    int FailedInvocations,
    int Redeliveries,
    int Others,
    int OthersProcessed,
    int OthersDeadLettered)
{
    public int DeadLettered => DeadLetteredSqs + DeadLetteredBroker + Parked;

    public int Lost => Sent - Processed - DeadLettered;
}
