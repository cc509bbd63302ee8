using System.Net.Sockets;
using Forwarder.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Stomp;

namespace Forwarder.Cli;

/// <summary>
/// <c>forwarder verify</c>'s connection check of one side: each endpoint connected and reported. A side with several
/// endpoints is an active/standby pair, where only the active broker answers: an endpoint that accepts no connection
/// is then "not answering (standby or down)", and the side is fine when exactly one answers. None answering fails;
/// more than one answering is a warning (an ActiveMQ shared-storage pair never does that: they are separate brokers,
/// and messages sent to one are not on the other) but not a failure, since forwarding still works.
/// </summary>
internal static class VerifyEndpoints
{
    /// <param name="output">Where each endpoint's line goes.</param>
    /// <param name="side"><c>source</c> or <c>target</c>.</param>
    /// <param name="endpoints">The side's endpoints in failover order, each as the client options it is connected with (built here, so a password file that cannot be read is reported as that endpoint's failure).</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The connected clients, in failover order, and whether the side passes.</returns>
    public static async Task<(List<StompClient> Clients, bool Ok)> ConnectAsync(
        TextWriter output, string side, IReadOnlyList<(BrokerEndpoint Endpoint, Func<StompClientOptions> Options)> endpoints, CancellationToken cancellationToken)
    {
        var pair = endpoints.Count > 1;
        var clients = new List<StompClient>();
        var ok = true;
        foreach (var (endpoint, options) in endpoints)
        {
            var label = $"{side,-7} {endpoint}";
            try
            {
                var clientOptions = options();
                var client = await StompClient.ConnectAsync(clientOptions, NullLogger.Instance, cancellationToken);
                await output.WriteLineAsync($"{label}: OK, {client.Server}, STOMP {client.Version}{(clientOptions.Login is null ? ", anonymous" : $", user {clientOptions.Login}")}");
                clients.Add(client);
            }
            catch (StompConnectionException ex) when (pair && IsNotAnswering(ex))
            {
                await output.WriteLineAsync($"{label}: not answering (standby or down): {ex.Message}");
            }
            catch (Exception ex) when (ex is StompException or ArgumentException or IOException)
            {
                await output.WriteLineAsync($"{label}: FAILED: {ex.Message}");
                ok = false;
            }
        }

        if (pair && clients.Count == 0)
        {
            await output.WriteLineAsync($"{side,-7} FAILED: none of the {endpoints.Count} endpoints answers");
            ok = false;
        }
        else if (clients.Count > 1)
        {
            await output.WriteLineAsync($"{side,-7} WARNING: {clients.Count} endpoints answer; an ActiveMQ active/standby (shared-storage) pair has one active broker, so these are separate brokers: a message sent to one is not on the other");
        }

        return (clients, ok);
    }

    /// <summary>
    /// No broker listens there: the connection was refused, the host unreachable, or the connect timed out. A broker
    /// that answered and refused (credentials, TLS) is a failure, not a standby.
    /// </summary>
    private static bool IsNotAnswering(StompConnectionException ex) => ex.InnerException is SocketException or TimeoutException;
}
