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
        Passcode = SecretReader.Read(o.SourcePassword, o.SourcePasswordFile),
        CaCertificateFile = string.IsNullOrEmpty(o.SourceCaFile) ? null : o.SourceCaFile,
        CheckHostName = o.TlsCheckHostName,
        ReceiptTimeout = o.ReceiptTimeout,
    };

    public static StompClientOptions Target(ForwarderOptions o, BrokerEndpoint endpoint) => new()
    {
        Endpoint = new Uri(endpoint.ToString()),
        Login = string.IsNullOrEmpty(o.TargetUserName) ? null : o.TargetUserName,
        Passcode = SecretReader.Read(o.TargetPassword, o.TargetPasswordFile),
        CaCertificateFile = string.IsNullOrEmpty(o.TargetCaFile) ? null : o.TargetCaFile,
        CheckHostName = o.TlsCheckHostName,
        ReceiptTimeout = o.ReceiptTimeout,
    };

    public static Task<StompClient> ConnectAsync(StompClientOptions options, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken) =>
        StompClient.ConnectAsync(options, loggers.CreateLogger("Stomp"), time, cancellationToken);
}
