namespace Stomp.Framing;

/// <summary>
/// Frame size limits. The defaults are ActiveMQ 5.17's (StompWireFormat: 10 KiB per header line, 1,000 headers,
/// 100 MiB body); a frame over them makes ActiveMQ drop the connection and every SEND in flight on it, so the
/// client refuses such a frame before sending it.
/// </summary>
internal sealed record StompLimits(int MaxHeaderLineBytes, int MaxHeaders, int MaxBodyBytes)
{
    /// <summary>
    /// Parsing received frames: a header line over <see cref="MaxHeaderLineBytes"/>, or past <see cref="MaxHeaders"/>,
    /// is dropped and named in <see cref="StompFrame.DroppedHeaders"/> instead of failing the connection (a
    /// MESSAGE the client refuses would be redelivered forever). A line over the limit is skipped as its bytes
    /// arrive, whatever its length, never held; only a content-length line that long fails.
    /// </summary>
    public bool DropOversizedHeaders { get; init; }

    public static StompLimits ActiveMq { get; } = new(10 * 1024, 1000, 100 * 1024 * 1024);
}
