using System.Globalization;
using LocalPipeline.Tracking;

namespace LocalChaos.Reporting;

/// <summary>One row of the fault suite's table: where every message of a case ended, and whether the case passed.</summary>
internal sealed record CaseOutcome(string Case)
{
    public int Sent { get; init; }

    public int Expected { get; init; }

    public int Processed { get; init; }

    /// <summary>The function sent it to the SQS dead-letter queue.</summary>
    public int DeadLetteredSqs { get; init; }

    /// <summary>The forwarder parked it on the on-prem broker.</summary>
    public int Parked { get; init; }

    /// <summary>On an on-prem dead-letter queue (ActiveMQ.DLQ: a NACK or an expiry on a stock broker).</summary>
    public int OnPremDlq { get; init; }

    /// <summary>On the cloud broker's <c>DLQ.&lt;queue&gt;</c> (or ActiveMQ.DLQ): redelivered too often.</summary>
    public int CloudDlq { get; init; }

    /// <summary>Found on a dead-letter queue with its expiry passed.</summary>
    public int Expired { get; init; }

    public int Lost { get; init; }

    /// <summary>Reached the function from a queue other than the one it was sent to.</summary>
    public int Misrouted { get; init; }

    /// <summary>Processed more than once without the handler recognising its idempotency key (extra runs counted).</summary>
    public int UnkeyedDuplicates { get; init; }

    public int FaultsInjected { get; init; }

    public TimeSpan LongestStall { get; init; }

    public TimeSpan StallLimit { get; init; }

    /// <summary>Why the case could not run to the end; null when it did.</summary>
    public string? Error { get; init; }

    public string WorkDirectory { get; init; } = "";

    public bool Stalled => LongestStall > StallLimit;

    public bool Failed => Error is not null || Lost > 0 || Misrouted > 0 || UnkeyedDuplicates > 0 || Stalled || Sent != Expected;

    /// <summary>The row, from the tracker's records and the sample ids found on the brokers' dead-letter queues.</summary>
    public static CaseOutcome Of(string name, int expected, IReadOnlyList<SampleRecord> samples, string queue, DeadLetterFinds finds) => new(name)
    {
        Sent = samples.Count,
        Expected = expected,
        Processed = samples.Count(s => s.IsProcessed),
        DeadLetteredSqs = samples.Count(s => s.DeadLetter == DeadLetterPlace.Sqs),
        Parked = samples.Count(s => s.DeadLetter == DeadLetterPlace.ForwarderParking),
        OnPremDlq = samples.Count(s => s.DeadLetter == DeadLetterPlace.None && finds.OnPrem.Contains(s.SampleId)),
        CloudDlq = samples.Count(s => s.DeadLetter == DeadLetterPlace.BrokerDlq || (s.DeadLetter == DeadLetterPlace.None && finds.Cloud.Contains(s.SampleId))),
        Expired = samples.Count(s => finds.Expired.Contains(s.SampleId)),
        Lost = samples.Count(s => !s.IsProcessed && !s.IsDeadLettered && !finds.OnPrem.Contains(s.SampleId) && !finds.Cloud.Contains(s.SampleId)),
        Misrouted = samples.Count(s => s.Destination is { } d && d != "/queue/" + queue),
        UnkeyedDuplicates = samples.Sum(s => Math.Max(0, s.ProcessedCount - 1)),
    };

    public string StallText => LongestStall.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
