using Contract;
using LocalEventSource.Events;

namespace LocalPipeline.Tracking;

/// <summary>
/// The producer's messages by every id a stage knows them by: the <c>sample_id</c> property (which every hop keeps),
/// the on-prem JMSMessageID (the forwarder's <c>fwd_origin_id</c>, the function's <c>OriginalId</c>) and the cloud
/// broker's message id. Not thread-safe: <see cref="PipelineTracker"/>'s lock guards it.
/// </summary>
internal sealed class SampleIndex
{
    private readonly Dictionary<string, SampleRecord> _bySample = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SampleRecord> _byJmsId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SampleRecord> _byCloudId = new(StringComparer.Ordinal);

    /// <summary>The messages this run's producer sent.</summary>
    public IEnumerable<SampleRecord> Sent => _bySample.Values.Where(r => r.SentAt != 0);

    /// <summary>Seen downstream but not sent by this run's producer: a user's messages (--keep-running).</summary>
    public IEnumerable<SampleRecord> Others => _bySample.Values.Where(r => r.SentAt == 0);

    /// <summary>Fills in what the producer said about a message (a later stage may have seen it first).</summary>
    public void Add(ProducerSentLine sent)
    {
        var record = Sample(sent.SampleId);
        record.JmsId = sent.JmsId;
        record.Kind = sent.Kind;
        record.Poison = sent.Poison;
        record.Looped = sent.Looped;
        record.SentAt = sent.SentAt;
        _byJmsId[record.JmsId] = record;
    }

    /// <summary>The record of a message the event source received, remembered under its cloud id too.</summary>
    public SampleRecord Received(ReceivedMessage message)
    {
        var record = Find(message) ?? Other(message);
        _byCloudId[message.MessageId] = record;
        return record;
    }

    public SampleRecord? Find(ReceivedMessage message) =>
        (message.Headers.GetValueOrDefault("sample_id") is { } s ? Sample(s) : null)
        ?? (message.Headers.GetValueOrDefault(ProvenanceProperties.OriginId) is { } o ? _byJmsId.GetValueOrDefault(o) : null)
        ?? _byCloudId.GetValueOrDefault(message.MessageId);

    /// <summary>The message a function log record is about.</summary>
    public SampleRecord? Find(FunctionLogRecord log) =>
        (log.OriginalId is { } o ? _byJmsId.GetValueOrDefault(o) : null)
        ?? (log.MessageId is { } id ? _byCloudId.GetValueOrDefault(id) : null);

    public SampleRecord? Find(SqsDeadLetter letter) =>
        (letter.OriginalId is { } o ? _byJmsId.GetValueOrDefault(o) : null)
        ?? (letter.MessageId is { } id ? _byCloudId.GetValueOrDefault(id) : null)
        ?? (letter.CorrelationId is { } c && c.StartsWith("corr-", StringComparison.Ordinal) ? _bySample.GetValueOrDefault(c[5..]) : null);

    /// <summary>The message a parked copy (its STOMP headers) is of.</summary>
    public SampleRecord? Find(IReadOnlyDictionary<string, string> headers) =>
        (headers.GetValueOrDefault("sample_id") is { } s ? Sample(s) : null)
        ?? (headers.GetValueOrDefault("message-id") is { } id ? _byJmsId.GetValueOrDefault(id) : null);

    /// <summary>A message not from the producer run (a user's, with --keep-running): followed under its original id.</summary>
    private SampleRecord Other(ReceivedMessage message)
    {
        var original = message.Headers.GetValueOrDefault(ProvenanceProperties.OriginId) ?? message.MessageId;
        var record = Sample("other:" + original);
        record.JmsId = original;
        _byJmsId[original] = record;
        return record;
    }

    private SampleRecord Sample(string sampleId)
    {
        if (!_bySample.TryGetValue(sampleId, out var record))
        {
            _bySample[sampleId] = record = new SampleRecord(sampleId);
        }

        return record;
    }
}
