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

    /// <summary>The counts of the producer's messages (<paramref name="sent"/>) and of a user's (<paramref name="others"/>).</summary>
    public static PipelineCounts Of(IReadOnlyList<SampleRecord> sent, IReadOnlyList<SampleRecord> others, int invocations, int failedInvocations, int redeliveries) =>
        new(
            Sent: sent.Count,
            Forwarded: sent.Count(r => r.ForwardedAt != 0),
            Invoked: sent.Count(r => r.InvokedAt != 0),
            Processed: sent.Count(r => r.IsProcessed),
            DeadLetteredSqs: sent.Count(r => r.DeadLetter == DeadLetterPlace.Sqs),
            DeadLetteredBroker: sent.Count(r => r.DeadLetter == DeadLetterPlace.BrokerDlq),
            Parked: sent.Count(r => r.DeadLetter == DeadLetterPlace.ForwarderParking),
            Invocations: invocations,
            FailedInvocations: failedInvocations,
            Redeliveries: redeliveries,
            Others: others.Count,
            OthersProcessed: others.Count(r => r.IsProcessed),
            OthersDeadLettered: others.Count(r => r.IsDeadLettered));
}
