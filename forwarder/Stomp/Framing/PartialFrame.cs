namespace Stomp.Framing;

/// <summary>A frame read so far: what the parser has decoded of its command line and header lines.</summary>
internal sealed class PartialFrame(string command)
{
    public string Command { get; } = command;

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    /// <summary>Headers left out for breaking the limits, as "name (n bytes)".</summary>
    public List<string> Dropped { get; } = [];

    /// <summary>The first content-length header's value when it is a usable length (STOMP 1.2: the first one counts).</summary>
    public int? ContentLength { get; set; }

    public bool LengthSeen { get; set; }

    public bool HeadersComplete { get; set; }

    /// <summary>The header line being skipped for its length; null when none is.</summary>
    public SkippedHeaderLine? Skipping { get; set; }

    public StompFrame ToFrame(byte[] body) =>
        new(Command, new StompHeaders(Headers), body, ContentLength is not null, Dropped.Count == 0 ? null : Dropped);
}
