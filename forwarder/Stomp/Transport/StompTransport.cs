using System.Net.Security;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Stomp.Transport;

/// <summary>Opens the byte stream to the broker: TCP, or TLS over TCP with the configured trust and host-name check.</summary>
internal static class StompTransport
{
    public static async Task<Stream> ConnectAsync(StompClientOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var endpoint = options.Endpoint;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (!options.UseTls)
            {
                return stream;
            }

            if (!options.CheckHostName)
            {
                logger.HostNameCheckDisabled(endpoint);
            }

            var validator = new CertificateValidator(options.CaCertificateFile, options.CheckHostName);
            var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
            try
            {
                await ssl.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions
                    {
                        TargetHost = endpoint.Host,
                        RemoteCertificateValidationCallback = validator.Validate,
                    },
                    cancellationToken);
            }
            catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException)
            {
                await ssl.DisposeAsync();
                throw new StompConnectionException(
                    $"TLS handshake with {endpoint} failed: {validator.Failure ?? ex.Message}", ex);
            }

            return ssl;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
