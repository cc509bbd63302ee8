using Forwarder.Configuration;
using Microsoft.Extensions.Logging;
using Stomp;

namespace Forwarder.Transport;

/// <summary>Builds STOMP client options for either side from the link options; reads password files on each connect.</summary>
internal static class StompClientFactory
{
    public static StompClientOptions Source(ForwarderOptions o) => new()
    {
        Endpoint = new Uri(o.SourceEndpoint().ToString()),
        Login = string.IsNullOrEmpty(o.SourceUserName) ? null : o.SourceUserName,
        Passcode = Password(o.SourcePassword, o.SourcePasswordFile, "SourcePassword"),
        CaCertificateFile = string.IsNullOrEmpty(o.SourceCaFile) ? null : o.SourceCaFile,
        CheckHostName = o.TlsCheckHostName,
        ReceiptTimeout = o.ReceiptTimeout,
        // The budget sits in the client's read loop, not in what the worker takes: a worker that stopped taking
        // would leave the broker's prefetch (1000 messages per queue, of any size) piling up in the client's buffer.
        // Paused reads keep the rest in the socket; the client reads on while a parking SEND awaits its RECEIPT.
        MaxUnsettledBytes = o.InFlightBytes,
    };

    public static StompClientOptions Target(ForwarderOptions o, BrokerEndpoint endpoint) => new()
    {
        Endpoint = new Uri(endpoint.ToString()),
        Login = string.IsNullOrEmpty(o.TargetUserName) ? null : o.TargetUserName,
        Passcode = Password(o.TargetPassword, o.TargetPasswordFile, "TargetPassword"),
        CaCertificateFile = string.IsNullOrEmpty(o.TargetCaFile) ? null : o.TargetCaFile,
        CheckHostName = o.TlsCheckHostName,
        ReceiptTimeout = o.ReceiptTimeout,
    };

    /// <summary>
    /// The password, refused when it holds CR, LF or NUL: STOMP 1.2 does not escape CONNECT headers, so such a
    /// character would end the header (or the frame). Retrying would not help; the message names the setting.
    /// </summary>
    private static string? Password(string? inline, string? file, string setting)
    {
        var password = SecretReader.Read(inline, file);
        if (password is not null && password.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            var where = string.IsNullOrEmpty(file) ? setting : $"{setting}File ({file})";
            throw new ForwarderConfigurationException(
                $"{where}: the password contains a line break or NUL, which STOMP cannot send in CONNECT (only one trailing newline of a file is ignored)");
        }

        return password;
    }

    public static Task<StompClient> ConnectAsync(StompClientOptions options, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken) =>
        StompClient.ConnectAsync(options, loggers.CreateLogger("Stomp"), time, cancellationToken);
}
