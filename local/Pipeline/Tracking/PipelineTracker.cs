using System.Globalization;
using System.Text.RegularExpressions;
using Contract;
using LocalEventSource.Events;
using LocalEventSource.Invocation;
using LocalEventSource.Polling;

namespace LocalPipeline.Tracking;

/// <summary>
/// Follows every message the producer sent through the stages, by its <c>sample_id</c> property (which every hop
/// keeps) or its original JMSMessageID (the forwarder's <c>fwd_origin_id</c>, which the function logs as
/// "original"). "Processed" is observed from the function's own log line per message, read from the bootstrap's
/// stdout. Thread-safe.
/// </summary>
internal sealed partial class PipelineTracker(TimeProvider time, Action<string> functionLog) : IEventSourceObserver
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SampleRecord> _bySample = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SampleRecord> _byJmsId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SampleRecord> _byCloudId = new(StringComparer.Ordinal);
    private readonly List<SqsDeadLetter> _sqs = [];
    private int _invocations;
    private int _failedInvocations;
    private int _redeliveries;
    private long _lastChange;

    public IReadOnlyList<SampleRecord> Samples
    {
        get
        {
            lock (_lock)
            {
                return [.. _bySample.Values.Where(r => r.SentAt != 0)];
            }
        }
    }

    public IReadOnlyList<SqsDeadLetter> SqsDeadLetters
    {
        get
        {
            lock (_lock)
            {
                return [.. _sqs];
            }
        }
    }

    /// <summary>When anything last changed, epoch ms.</summary>
    public long LastChange => Interlocked.Read(ref _lastChange);

    public PipelineCounts Counts()
    {
        lock (_lock)
        {
            var s = _bySample.Values.Where(r => r.SentAt != 0).ToList();
            // Seen downstream but not sent by this run's producer: a user's messages (--keep-running).
            var others = _bySample.Values.Where(r => r.SentAt == 0).ToList();
            return new PipelineCounts(
                Sent: s.Count,
                Forwarded: s.Count(r => r.ForwardedAt != 0),
                Invoked: s.Count(r => r.InvokedAt != 0),
                Processed: s.Count(r => r.IsProcessed),
                DeadLetteredSqs: s.Count(r => r.DeadLetter == DeadLetterPlace.Sqs),
                DeadLetteredBroker: s.Count(r => r.DeadLetter == DeadLetterPlace.BrokerDlq),
                Parked: s.Count(r => r.DeadLetter == DeadLetterPlace.ForwarderParking),
                Invocations: _invocations,
                FailedInvocations: _failedInvocations,
                Redeliveries: _redeliveries,
                Others: others.Count,
                OthersProcessed: others.Count(r => r.IsProcessed),
                OthersDeadLettered: others.Count(r => r.IsDeadLettered));
        }
    }

    /// <summary>A line of the producer: <c>SENT sample_id=… kind=… poison=… looped=… sent_at_ms=… jms_id=…</c>.</summary>
    public void ProducerLine(string line)
    {
        var m = SentLine().Match(line);
        if (!m.Success)
        {
            return;
        }

        lock (_lock)
        {
            var record = Sample(m.Groups["sample"].Value);
            record.JmsId = m.Groups["jms"].Value;
            record.Kind = m.Groups["kind"].Value;
            record.Poison = m.Groups["poison"].Value == "true";
            record.Looped = m.Groups["looped"].Value == "true";
            record.SentAt = long.Parse(m.Groups["sent"].Value, CultureInfo.InvariantCulture);
            _byJmsId[record.JmsId] = record;
            Touch();
        }
    }

    public void Received(int poller, ReceivedMessage message)
    {
        lock (_lock)
        {
            var record = Find(message) ?? Other(message);

            _byCloudId[message.MessageId] = record;
            if (message.Redelivered)
            {
                _redeliveries++;
            }

            if (record.ForwardedAt == 0)
            {
                record.ForwardedAt = message.ReceivedAt;
            }

            Touch();
        }
    }

    public void Invoking(int poller, IReadOnlyList<ReceivedMessage> batch)
    {
        var now = Now();
        lock (_lock)
        {
            _invocations++;
            foreach (var message in batch)
            {
                if (Find(message) is { InvokedAt: 0 } record)
                {
                    record.InvokedAt = now;
                }
            }

            Touch();
        }
    }

    public void Invoked(int poller, IReadOnlyList<ReceivedMessage> batch, InvocationResult result)
    {
        if (!result.Succeeded)
        {
            lock (_lock)
            {
                _failedInvocations++;
                Touch();
            }
        }
    }

    public void DeadLettered(int poller, ReceivedMessage message, string reason)
    {
        lock (_lock)
        {
            if (Find(message) is { } record)
            {
                record.DeadLetter = DeadLetterPlace.BrokerDlq;
                record.DeadLetterDetail = reason;
                Touch();
            }
        }
    }

    public void FunctionOutput(int poller, string line)
    {
        functionLog(FormattableString.Invariant($"[env {poller}] {line}"));
        var m = OutcomeLine().Match(line);
        if (!m.Success || m.Groups["what"].Value is not ("processed" or "already processed"))
        {
            return;
        }

        var now = Now();
        lock (_lock)
        {
            var record = _byJmsId.GetValueOrDefault(m.Groups["original"].Value) ?? _byCloudId.GetValueOrDefault(m.Groups["id"].Value);
            if (record is { ProcessedAt: 0 })
            {
                record.ProcessedAt = now;
                Touch();
            }
        }
    }

    /// <summary>A message read from the SQS dead-letter queue.</summary>
    public void SqsDeadLetter(SqsDeadLetter letter)
    {
        lock (_lock)
        {
            _sqs.Add(letter);
            var record = (letter.OriginalId is { } o ? _byJmsId.GetValueOrDefault(o) : null)
                ?? (letter.MessageId is { } id ? _byCloudId.GetValueOrDefault(id) : null)
                ?? (letter.CorrelationId is { } c && c.StartsWith("corr-", StringComparison.Ordinal) ? _bySample.GetValueOrDefault(c[5..]) : null);
            if (record is not null)
            {
                letter.SampleId = record.SampleId;
                record.DeadLetter = DeadLetterPlace.Sqs;
                record.DeadLetterDetail = letter.Provenance;
                Touch();
            }
        }
    }

    /// <summary>A message found in the forwarder's parking queue on the on-prem broker.</summary>
    public void Parked(IReadOnlyDictionary<string, string> headers)
    {
        lock (_lock)
        {
            var record = (headers.GetValueOrDefault("sample_id") is { } s ? Sample(s) : null)
                ?? (headers.GetValueOrDefault("message-id") is { } id ? _byJmsId.GetValueOrDefault(id) : null);
            if (record is { DeadLetter: DeadLetterPlace.None })
            {
                record.DeadLetter = DeadLetterPlace.ForwarderParking;
                record.DeadLetterDetail = string.Join(", ", headers.Where(h => h.Key.StartsWith(ProvenanceProperties.Prefix, StringComparison.Ordinal)).Select(h => $"{h.Key}={h.Value}"));
                Touch();
            }
        }
    }

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

    private SampleRecord? Find(ReceivedMessage message) =>
        (message.Headers.GetValueOrDefault("sample_id") is { } s ? Sample(s) : null)
        ?? (message.Headers.GetValueOrDefault(ProvenanceProperties.OriginId) is { } o ? _byJmsId.GetValueOrDefault(o) : null)
        ?? _byCloudId.GetValueOrDefault(message.MessageId);

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Touch() => Interlocked.Exchange(ref _lastChange, Now());

    [GeneratedRegex(@"^SENT sample_id=(?<sample>\S+) kind=(?<kind>\S+) poison=(?<poison>\S+)(?: looped=(?<looped>\S+))? sent_at_ms=(?<sent>\d+) jms_id=(?<jms>\S+)$")]
    private static partial Regex SentLine();

    // Functions' per-message outcome line (functions/Functions.Framework/Log.cs EventIds 2001-2004), in text or JSON log format.
    [GeneratedRegex(@"Message (?<id>\S+) \(original (?<original>[^)\s]+)\): (?<what>processed|already processed|dead-lettered|to retry)")]
    private static partial Regex OutcomeLine();
}
