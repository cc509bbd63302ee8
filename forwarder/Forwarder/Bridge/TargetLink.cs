using Forwarder.Configuration;
using Forwarder.Operations;
using Microsoft.Extensions.Logging;

namespace Forwarder.Bridge;

/// <summary>
/// The connection to the target broker, failing over between its endpoints (active/standby): each attempt tries
/// every endpoint once, starting after the last one that failed.
/// </summary>
internal sealed class TargetLink(IBrokerConnector connector, ForwarderOptions options, ForwarderMetrics metrics, Backoff backoff, TimeProvider time, ILogger logger)
    : BrokerLink<IMessageSink>(backoff, time, up => metrics.TargetUp = up, () => metrics.Reconnected("target"))
{
    private int _index;

    public override async Task<bool> TryConnectAsync(CancellationToken cancellationToken)
    {
        await PauseAfterDropAsync(cancellationToken);
        var errors = new List<string>();
        for (var tried = 0; tried < connector.SinkEndpointCount; tried++)
        {
            try
            {
                var sink = await connector.ConnectSinkAsync(_index, cancellationToken);
                metrics.TargetEndpoint = sink.Endpoint;
                Connected(sink);
                logger.TargetConnected(sink.Endpoint);
                return true;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not ForwarderConfigurationException)
            {
                errors.Add(ex.Message);
                _index = (_index + 1) % connector.SinkEndpointCount;
            }
        }

        return await BackOffAsync(delay => logger.TargetConnectFailed(string.Join(", ", options.TargetEndpoints()), delay, string.Join("; ", errors)), cancellationToken);
    }
}
