using Forwarder.Bridge;
using Forwarder.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Forwarder.Transport;

/// <summary>Opens STOMP connections for the worker.</summary>
internal sealed class StompBrokerConnector(IOptions<ForwarderOptions> options, ILoggerFactory loggers, TimeProvider time) : IBrokerConnector
{
    private readonly ForwarderOptions _options = options.Value;
    private readonly ILogger _logger = loggers.CreateLogger("Forwarder");

    public int SinkEndpointCount => _options.TargetEndpoints().Count;

    // The parking queues are checked once, at the first connection to the source.
    private bool _parkingChecked;

    public async Task<IMessageSource> ConnectSourceAsync(CancellationToken cancellationToken)
    {
        if (!_parkingChecked)
        {
            await ParkingProbe.CheckAsync(_options, loggers, time, cancellationToken);
            _parkingChecked = true;
        }

        return await StompMessageSource.ConnectAsync(_options, loggers, _logger, time, cancellationToken);
    }

    public async Task<IMessageSink> ConnectSinkAsync(int endpointIndex, CancellationToken cancellationToken)
    {
        var endpoint = _options.TargetEndpoints()[endpointIndex];
        var client = await StompClientFactory.ConnectAsync(StompClientFactory.Target(_options, endpoint), loggers, time, cancellationToken);
        return new StompMessageSink(client, _options.SendMode, endpoint.ToString());
    }
}
