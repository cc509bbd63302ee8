namespace LocalPipeline.Tracking;

/// <summary>Distinct producer messages per stage, plus invocation totals.</summary>
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
    int Foreign)
{
    public int DeadLettered => DeadLetteredSqs + DeadLetteredBroker + Parked;

    public int Lost => Sent - Processed - DeadLettered;
}
