using Forwarder.Configuration;
using Forwarder.Operations;
using Microsoft.Extensions.Logging;

namespace Forwarder.Bridge;

/// <summary>The connection to the source broker.</summary>
internal sealed class SourceLink(IBrokerConnector connector, ForwarderOptions options, ForwarderMetrics metrics, Backoff backoff, TimeProvider time, ILogger logger)
    : BrokerLink<IMessageSource>(backoff, time, up => metrics.SourceUp = up, () => metrics.Reconnected("source"))
{
    public override async Task<bool> TryConnectAsync(CancellationToken cancellationToken)
    {
        await PauseAfterDropAsync(cancellationToken);
        IMessageSource source;
        try
        {
            source = await connector.ConnectSourceAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not ForwarderConfigurationException)
        {
            return await BackOffAsync(delay => logger.SourceConnectFailed(options.SourceEndpoint().ToString(), delay, ex.Message), cancellationToken);
        }

        Connected(source);
        return true;
    }
}
