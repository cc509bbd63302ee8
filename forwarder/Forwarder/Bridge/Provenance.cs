namespace Forwarder.Bridge;

/// <summary>
/// Names of the properties the agent stamps on what it forwards or parks. Fixed: the functions key idempotency on
/// <see cref="OriginId"/>.
/// </summary>
internal static class Provenance
{
    /// <summary>The message id on the first broker; kept unchanged across hops.</summary>
    public const string OriginId = "fwd_origin_id";

    /// <summary>The queue on the first broker; kept unchanged across hops.</summary>
    public const string OriginQueue = "fwd_origin_queue";

    /// <summary>The link (agent) name of the last hop.</summary>
    public const string Link = "fwd_link";

    /// <summary>When the last hop forwarded it, epoch milliseconds.</summary>
    public const string Time = "fwd_time";

    /// <summary>How many agents have forwarded it.</summary>
    public const string Hops = "fwd_hops";

    /// <summary>Set on map and object messages rendered as JSON text: <c>jms-map-json</c> or <c>jms-object-json</c>.</summary>
    public const string BodyKind = "fwd_body_kind";

    /// <summary>On a parked copy: why it was parked.</summary>
    public const string ParkReason = "fwd_park_reason";
}
