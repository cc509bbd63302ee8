namespace Forwarder.Bridge;

/// <summary>Opens connections; the worker owns retry, backoff and failover order.</summary>
internal interface IBrokerConnector
{
    /// <summary>Connects to the source broker and subscribes to the queues to forward.</summary>
    Task<IMessageSource> ConnectSourceAsync(CancellationToken cancellationToken);

    /// <summary>Connects to target endpoint number <paramref name="endpointIndex"/> (failover order).</summary>
    Task<IMessageSink> ConnectSinkAsync(int endpointIndex, CancellationToken cancellationToken);

    /// <summary>How many target endpoints there are to fail over between.</summary>
    int SinkEndpointCount { get; }
}
