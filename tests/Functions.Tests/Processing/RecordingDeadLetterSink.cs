namespace Functions.Tests.Processing;

/// <summary>Keeps what it is asked to dead-letter; can refuse some messages or fail altogether.</summary>
internal sealed class RecordingDeadLetterSink : IDeadLetterSink
{
    public List<DeadLetterMessage> Sent { get; } = [];

    /// <summary>Messages for which this returns a reason are reported as not stored.</summary>
    public Func<DeadLetterMessage, string?> Refuse { get; set; } = _ => null;

    public Exception? Throw { get; set; }

    public Task<IReadOnlyList<DeadLetterFailure>> SendAsync(IReadOnlyList<DeadLetterMessage> messages, CancellationToken cancellationToken)
    {
        if (Throw is not null)
        {
            throw Throw;
        }

        var failures = new List<DeadLetterFailure>();
        foreach (var message in messages)
        {
            if (Refuse(message) is { } reason)
            {
                failures.Add(new DeadLetterFailure(message, reason));
            }
            else
            {
                Sent.Add(message);
            }
        }

        return Task.FromResult<IReadOnlyList<DeadLetterFailure>>(failures);
    }
}
