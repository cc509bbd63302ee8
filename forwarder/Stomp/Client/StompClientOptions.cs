using System.Text;

namespace Stomp;

/// <summary>How to reach and log in to a STOMP broker. Checked by <see cref="Validate"/> when connecting.</summary>
public sealed record StompClientOptions
{
    /// <summary>
    /// <c>stomp://host:port</c> (plain TCP) or <c>stomp+ssl://host:port</c> (TLS); <c>stomp+nio</c> and
    /// <c>stomp+nio+ssl</c> are accepted as ActiveMQ spells them.
    /// </summary>
    public required Uri Endpoint { get; init; }

    public string? Login { get; init; }

    /// <summary>The password; <see cref="object.ToString"/> of these options prints it redacted.</summary>
    public string? Passcode { get; init; }

    public StompHeartBeat HeartBeat { get; init; } = StompHeartBeat.Default;

    /// <summary>
    /// PEM file of the CA (or the self-signed broker certificate) to trust for <c>stomp+ssl</c>, instead of the
    /// system trust store.
    /// </summary>
    public string? CaCertificateFile { get; init; }

    /// <summary>
    /// Whether the broker certificate must name the endpoint host. Leave it on: turning it off lets anyone with a
    /// certificate from the trusted CA impersonate the broker. Every connection logs a warning when it is off.
    /// </summary>
    public bool CheckHostName { get; init; } = true;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest wait for a RECEIPT once its frame is written, and for the socket to take any of a frame being written
    /// (a broker in producer flow control stops reading). Either means the broker is stuck or the link is dead, so
    /// the connection is closed and every pending operation fails with <see cref="StompConnectionException"/>.
    /// </summary>
    public TimeSpan ReceiptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most frames awaiting a RECEIPT on the wire at once. Further frames wait in order in the client until
    /// receipts come back; the caller bounds its own memory by how many send tasks it keeps.
    /// </summary>
    public int MaxInFlightReceipts { get; init; } = 1000;

    /// <summary>
    /// ActiveMQ 5.17 limit per header line (escaped <c>name:value</c> bytes). Larger ones are refused before sending;
    /// in a received frame they are dropped (<see cref="StompMessage.DroppedHeaders"/>) and the connection stays up.
    /// </summary>
    public int MaxHeaderLineBytes { get; init; } = Framing.StompLimits.ActiveMq.MaxHeaderLineBytes;

    /// <summary>ActiveMQ 5.17 limit of headers per frame; in a received frame the ones past it are dropped likewise.</summary>
    public int MaxHeaders { get; init; } = Framing.StompLimits.ActiveMq.MaxHeaders;

    /// <summary>ActiveMQ 5.17 default <c>maxDataLength</c> (100 MiB).</summary>
    public int MaxBodyBytes { get; init; } = Framing.StompLimits.ActiveMq.MaxBodyBytes;

    /// <summary>
    /// Most bytes (body and header lines) of messages received on client-acknowledged subscriptions and not yet ACKed
    /// or NACKed. When the next message would go over it, the client stops reading the socket (the broker's frames
    /// wait in TCP) until enough are settled; one message larger than the limit is taken when nothing else is
    /// unsettled. While a RECEIPT is awaited the client reads on (the receipt lies past those frames), over the
    /// limit. Heart-beats are not expected during such a pause. Null (the default): no limit.
    /// </summary>
    public long? MaxUnsettledBytes { get; init; }

    internal bool UseTls => Endpoint.Scheme is "stomp+ssl" or "stomp+nio+ssl";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Endpoint is null || !Endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("Endpoint must be an absolute URI such as stomp://host:61613", nameof(Endpoint));
        }

        if (Endpoint.Scheme is not ("stomp" or "stomp+ssl" or "stomp+nio" or "stomp+nio+ssl"))
        {
            throw new ArgumentException(
                $"Endpoint '{Endpoint}' has scheme '{Endpoint.Scheme}'; use stomp:// or stomp+ssl://", nameof(Endpoint));
        }

        if (string.IsNullOrEmpty(Endpoint.Host) || Endpoint.Port <= 0)
        {
            throw new ArgumentException($"Endpoint '{Endpoint}' needs a host and a port", nameof(Endpoint));
        }

        if (CaCertificateFile is not null && !File.Exists(CaCertificateFile))
        {
            throw new ArgumentException($"CaCertificateFile '{CaCertificateFile}' does not exist", nameof(CaCertificateFile));
        }

        if (HeartBeat is null || HeartBeat.Outgoing < TimeSpan.Zero || HeartBeat.Incoming < TimeSpan.Zero)
        {
            throw new ArgumentException("HeartBeat periods must be zero or positive", nameof(HeartBeat));
        }

        // STOMP 1.2 does not escape CONNECT headers: a CR or LF would end the header line and inject another
        // (and a NUL would end the frame), so such a value cannot be sent as it is.
        HeaderSafe(Login, nameof(Login));
        HeaderSafe(Passcode, nameof(Passcode));
        Positive(ConnectTimeout, nameof(ConnectTimeout));
        Positive(ReceiptTimeout, nameof(ReceiptTimeout));
        Positive(MaxInFlightReceipts, nameof(MaxInFlightReceipts));
        Positive(MaxHeaderLineBytes, nameof(MaxHeaderLineBytes));
        Positive(MaxHeaders, nameof(MaxHeaders));
        Positive(MaxBodyBytes, nameof(MaxBodyBytes));
        if (MaxUnsettledBytes is <= 0)
        {
            throw new ArgumentException($"MaxUnsettledBytes must be positive or null, got {MaxUnsettledBytes}", nameof(MaxUnsettledBytes));
        }
    }

    private static void HeaderSafe(string? value, string name)
    {
        if (value is not null && value.AsSpan().IndexOfAny('\r', '\n', '\0') is var at and >= 0)
        {
            // Never print the value: it may be a password.
            throw new ArgumentException(
                $"{name} contains a {(value[at] == '\0' ? "NUL" : value[at] == '\r' ? "CR" : "LF")} character at position {at + 1}, which STOMP cannot carry in CONNECT (a password file with a line break inside?)",
                name);
        }
    }

    // The record's generated ToString would print the password: everything else as generated, Passcode redacted.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Endpoint = ").Append(Endpoint)
            .Append(", Login = ").Append(Login)
            .Append(", Passcode = ").Append(Passcode is null ? "" : "***")
            .Append(", HeartBeat = ").Append(HeartBeat)
            .Append(", CaCertificateFile = ").Append(CaCertificateFile)
            .Append(", CheckHostName = ").Append(CheckHostName)
            .Append(", ConnectTimeout = ").Append(ConnectTimeout)
            .Append(", ReceiptTimeout = ").Append(ReceiptTimeout)
            .Append(", MaxInFlightReceipts = ").Append(MaxInFlightReceipts)
            .Append(", MaxHeaderLineBytes = ").Append(MaxHeaderLineBytes)
            .Append(", MaxHeaders = ").Append(MaxHeaders)
            .Append(", MaxBodyBytes = ").Append(MaxBodyBytes)
            .Append(", MaxUnsettledBytes = ").Append(MaxUnsettledBytes);
        return true;
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{name} must be positive, got {value}", name);
        }
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"{name} must be positive, got {value}", name);
        }
    }
}
