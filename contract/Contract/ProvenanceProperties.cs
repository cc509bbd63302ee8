namespace Contract;

/// <summary>
/// Names (and values) of the properties the forwarder stamps on what it forwards or parks. They are the wire contract
/// between the parts: the functions key idempotency on <see cref="OriginId"/>, the local pipeline follows messages by
/// it, and a renamed property would break every consumer, so they never change.
/// </summary>
public static class ProvenanceProperties
{
    /// <summary>What every provenance property name starts with.</summary>
    public const string Prefix = "fwd_";

    /// <summary>The message id on the first broker; kept unchanged across hops.</summary>
    public const string OriginId = "fwd_origin_id";

    /// <summary>The queue on the first broker; kept unchanged across hops.</summary>
    public const string OriginQueue = "fwd_origin_queue";

    /// <summary>
    /// How often an operator redrove the message from a dead-letter queue back to its queue; absent means 0. Part of
    /// the functions' idempotency key, so a redriven copy is processed although the original was dead-lettered.
    /// </summary>
    public const string RedriveCount = "fwd_redrive_count";

    /// <summary>The link (agent) name of the last hop.</summary>
    public const string Link = "fwd_link";

    /// <summary>When the last hop forwarded it, epoch milliseconds.</summary>
    public const string Time = "fwd_time";

    /// <summary>How many agents have forwarded it.</summary>
    public const string Hops = "fwd_hops";

    /// <summary>
    /// Set on map and object messages the broker rendered as text: the STOMP transformation that rendered it, one of
    /// <see cref="MapJsonBodyKind"/>, <see cref="ObjectJsonBodyKind"/> (what the forwarder asks for),
    /// <see cref="MapXmlBodyKind"/> or <see cref="ObjectXmlBodyKind"/>.
    /// </summary>
    public const string BodyKind = "fwd_body_kind";

    /// <summary>On a parked copy: why it was parked.</summary>
    public const string ParkReason = "fwd_park_reason";

    /// <summary>
    /// What a producer's property is renamed with when its name is one the SEND reserves (<c>destination</c>,
    /// <c>receipt</c>, <c>transaction</c>, a second <c>content-length</c>), a <c>message-id</c> that is not ActiveMQ's,
    /// or a JMS header value that fails validation (<c>priority=HIGH</c>): <c>fwd_prop_priority=HIGH</c>.
    /// </summary>
    public const string RenamedPropertyPrefix = "fwd_prop_";

    /// <summary>
    /// What an incoming <c>fwd_*</c> property is renamed with when the link does not trust its upstream
    /// (<c>TrustUpstreamProvenance=false</c>): a producer's <c>fwd_origin_id=X</c> travels as <c>orig_fwd_origin_id=X</c>.
    /// </summary>
    public const string UntrustedPrefix = "orig_fwd_";

    /// <summary>On a parked copy: the original's <c>expires</c> (epoch ms), which the copy does not carry, so it never expires.</summary>
    public const string OriginalExpires = "fwd_original_expires";

    /// <summary>
    /// What <see cref="OriginId"/> starts with when the message had no ActiveMQ message id: the hex SHA-256 of the
    /// source queue, the headers (without <c>ack</c>, <c>subscription</c>, <c>redelivered</c>) and the body follows.
    /// </summary>
    public const string DigestOriginIdPrefix = "sha256:";

    /// <summary><see cref="BodyKind"/> of a JMS MapMessage rendered as JSON text.</summary>
    public const string MapJsonBodyKind = "jms-map-json";

    /// <summary><see cref="BodyKind"/> of a JMS ObjectMessage rendered as JSON text.</summary>
    public const string ObjectJsonBodyKind = "jms-object-json";

    /// <summary><see cref="BodyKind"/> of a JMS MapMessage rendered as XML text.</summary>
    public const string MapXmlBodyKind = "jms-map-xml";

    /// <summary><see cref="BodyKind"/> of a JMS ObjectMessage rendered as XML text.</summary>
    public const string ObjectXmlBodyKind = "jms-object-xml";
}
