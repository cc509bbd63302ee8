namespace LocalPipeline.Tracking;

/// <summary>Where the dead-lettered copy of a message is.</summary>
internal enum DeadLetterPlace
{
    None,

    /// <summary>The function sent it to the SQS dead-letter queue (poison).</summary>
    Sqs,

    /// <summary>The event source moved it to the cloud broker's <c>DLQ.&lt;queue&gt;</c> after 6 redeliveries.</summary>
    BrokerDlq,

    /// <summary>The forwarder parked it on the on-prem broker (<c>DLQ.&lt;queue&gt;</c>).</summary>
    ForwarderParking,
}

/// <summary>
/// One message the producer sent, and when each stage saw it (epoch ms, 0 = not yet). A later stage may see a
/// message before the producer's line about it is read, so the producer's fields are filled in when it comes.
/// Guarded by the tracker's lock.
/// </summary>
internal sealed class SampleRecord(string sampleId)
{
    public string SampleId { get; } = sampleId;

    /// <summary>The JMSMessageID the producer's broker assigned: the forwarder's <c>fwd_origin_id</c>.</summary>
    public string JmsId { get; set; } = "";

    public string Kind { get; set; } = "";

    public bool Poison { get; set; }

    /// <summary>Sent with <c>fwd_hops</c> too high: the forwarder must park it.</summary>
    public bool Looped { get; set; }

    /// <summary>When the producer sent it; 0 while its line has not been read.</summary>
    public long SentAt { get; set; }

    /// <summary>First received from the cloud broker by the event source.</summary>
    public long ForwardedAt { get; set; }

    /// <summary>First handed to the function.</summary>
    public long InvokedAt { get; set; }

    /// <summary>The handler logged it processed (or skipped as already processed).</summary>
    public long ProcessedAt { get; set; }

    /// <summary>
    /// How often the handler logged it processed (not "skipped"): more than once is a duplicate its idempotency key
    /// did not catch.
    /// </summary>
    public int ProcessedCount { get; set; }

    /// <summary>The cloud destination the event source first received it from (<c>/queue/…</c>).</summary>
    public string? Destination { get; set; }

    public DeadLetterPlace DeadLetter { get; set; }

    /// <summary>What the dead-letter copy says (SQS provenance JSON, or the broker's reason).</summary>
    public string? DeadLetterDetail { get; set; }

    public bool IsProcessed => ProcessedAt != 0 && DeadLetter == DeadLetterPlace.None;

    public bool IsDeadLettered => DeadLetter != DeadLetterPlace.None;
}
