using Contract;

namespace Functions.Framework.Processing;

/// <summary>How a batch is processed. Immutable; built once at start-up.</summary>
internal sealed record ProcessingOptions
{
    /// <summary>The handler's name, recorded in dead letters.</summary>
    public required string HandlerName { get; init; }

    /// <summary>
    /// Time kept in reserve before the invocation's deadline (<c>DEADLINE_SAFETY_MARGIN_MS</c>): once less is
    /// left, no further message is started, and handlers are cancelled, so dead letters and bookkeeping still fit.
    /// Capped at a quarter of the time the invocation had when it started, so short timeouts still make progress.
    /// The default is 3 seconds.
    /// </summary>
    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The JMS property (or AMQP header) carrying the origin's message id. The default is the forwarder's
    /// <see cref="ProvenanceProperties.OriginId"/> (<c>fwd_origin_id</c>).
    /// </summary>
    public string OriginIdProperty { get; init; } = ProvenanceProperties.OriginId;
}
