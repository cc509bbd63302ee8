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
    /// Longest wait for a RECEIPT once its frame is written. A missing receipt means the broker is stuck or the
    /// link is dead, so the connection is closed and every pending operation fails with
    /// <see cref="StompConnectionException"/>.
    /// </summary>
    public TimeSpan ReceiptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most frames awaiting a RECEIPT on the wire at once. Further frames wait in order in the client until
    /// receipts come back; the caller bounds its own memory by how many send tasks it keeps.
    /// </summary>
    public int MaxInFlightReceipts { get; init; } = 1000;

    /// <summary>ActiveMQ 5.17 limit per header line (escaped <c>name:value</c> bytes). Larger ones are refused before sending.</summary>
    public int MaxHeaderLineBytes { get; init; } = Framing.StompLimits.ActiveMq.MaxHeaderLineBytes;

    /// <summary>ActiveMQ 5.17 limit of headers per frame.</summary>
    public int MaxHeaders { get; init; } = Framing.StompLimits.ActiveMq.MaxHeaders;

    /// <summary>ActiveMQ 5.17 default <c>maxDataLength</c> (100 MiB).</summary>
    public int MaxBodyBytes { get; init; } = Framing.StompLimits.ActiveMq.MaxBodyBytes;

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

        Positive(ConnectTimeout, nameof(ConnectTimeout));
        Positive(ReceiptTimeout, nameof(ReceiptTimeout));
        Positive(MaxInFlightReceipts, nameof(MaxInFlightReceipts));
        Positive(MaxHeaderLineBytes, nameof(MaxHeaderLineBytes));
        Positive(MaxHeaders, nameof(MaxHeaders));
        Positive(MaxBodyBytes, nameof(MaxBodyBytes));
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
