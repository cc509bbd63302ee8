using Contract;
using LocalEventSource.Events;
using LocalEventSource.Invocation;
using LocalEventSource.Polling;

namespace LocalPipeline.Tracking;

/// <summary>
/// Follows every message the producer sent through the stages (<see cref="SampleIndex"/>). "Processed" is the
/// function's own JSON log record per message (event id <see cref="FunctionLogRecord.MessageProcessed"/> or
/// <see cref="FunctionLogRecord.MessageSkipped"/>), read from the bootstrap's stdout. Thread-safe.
/// </summary>
/// <param name="functionLog">Receives each line of the function's output, JSON records rendered as text.</param>
internal sealed class PipelineTracker(TimeProvider time, Action<string> functionLog) : IEventSourceObserver
{
    private readonly Lock _lock = new();
    private readonly SampleIndex _samples = new();
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
                return [.. _samples.Sent];
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
            return PipelineCounts.Of([.. _samples.Sent], [.. _samples.Others], _invocations, _failedInvocations, _redeliveries);
        }
    }

    /// <summary>A line of the producer's output (<see cref="ProducerSentLine"/>).</summary>
    public void ProducerLine(string line)
    {
        if (ProducerSentLine.TryParse(line) is not { } sent)
        {
            return;
        }

        lock (_lock)
        {
            _samples.Add(sent);
            Touch();
        }
    }

    public void Received(int poller, ReceivedMessage message)
    {
        lock (_lock)
        {
            var record = _samples.Received(message);
            if (message.Redelivered)
            {
                _redeliveries++;
            }

            if (record.ForwardedAt == 0)
            {
                record.ForwardedAt = message.ReceivedAt;
                record.Destination = message.Destination;
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
                if (_samples.Find(message) is { InvokedAt: 0 } record)
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
            if (_samples.Find(message) is { } record)
            {
                record.DeadLetter = DeadLetterPlace.BrokerDlq;
                record.DeadLetterDetail = reason;
                Touch();
            }
        }
    }

    public void FunctionOutput(int poller, string line)
    {
        var log = FunctionLogRecord.TryParse(line);
        functionLog(FormattableString.Invariant($"[env {poller}] {log?.ToText() ?? line}"));
        if (log is not { IsHandled: true })
        {
            return;
        }

        var now = Now();
        lock (_lock)
        {
            if (_samples.Find(log) is not { } record)
            {
                return;
            }

            if (log.EventId == FunctionLogRecord.MessageProcessed)
            {
                record.ProcessedCount++;
            }

            if (record.ProcessedAt == 0)
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
            if (_samples.Find(letter) is { } record)
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
            if (_samples.Find(headers) is { DeadLetter: DeadLetterPlace.None } record)
            {
                record.DeadLetter = DeadLetterPlace.ForwarderParking;
                record.DeadLetterDetail = string.Join(", ", headers.Where(h => h.Key.StartsWith(ProvenanceProperties.Prefix, StringComparison.Ordinal)).Select(h => $"{h.Key}={h.Value}"));
                Touch();
            }
        }
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Counts as a change: the settle timeout starts again from now (the fault suite calls it when a fault ends, so
    /// the quiet time of an outage is not taken for a pipeline that stopped moving).
    /// </summary>
    public void Touch() => Interlocked.Exchange(ref _lastChange, Now());
}
