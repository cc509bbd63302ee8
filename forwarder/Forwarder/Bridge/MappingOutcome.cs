namespace Forwarder.Bridge;

/// <summary>What to do with one source message.</summary>
internal enum MappingAction
{
    /// <summary>Send <see cref="MappingOutcome.Message"/> to the target.</summary>
    Forward,

    /// <summary>Do not forward: park a copy with <see cref="MappingOutcome.Reason"/> and acknowledge the original.</summary>
    Park,

    /// <summary>
    /// The agent cannot read the body of a persistent message (a map/object message on a broker that cannot render
    /// it): NACK, so the broker's own dead-letter queue keeps the complete original (even Debian's stock broker keeps
    /// a persistent one, on ActiveMQ.DLQ).
    /// </summary>
    DeadLetter,
}

internal sealed record MappingOutcome(MappingAction Action, OutboundMessage? Message, string? Reason)
{
    /// <summary>Once the message is settled, close the source connection so the broker delivers again what it sent on it.</summary>
    public bool ReconnectSource { get; init; }

    public static MappingOutcome Forward(OutboundMessage message) => new(MappingAction.Forward, message, null);

    public static MappingOutcome Park(string reason) => new(MappingAction.Park, null, reason);

    public static MappingOutcome DeadLetter(string reason) => new(MappingAction.DeadLetter, null, reason);
}
