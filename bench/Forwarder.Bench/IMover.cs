using Harness.ActiveMq;

namespace Forwarder.Bench;

/// <summary>What moves messages from an on-prem broker to the cloud broker: the forwarder agent or ActiveMQ's bridge.</summary>
internal interface IMover
{
    string Name { get; }

    /// <summary>The on-prem broker the legacy producer sends to.</summary>
    ActiveMqBroker Source { get; }

    /// <summary>A queue name of this mover's for <paramref name="kind"/> in pair <paramref name="pair"/>.</summary>
    string Queue(string kind, int pair);

    /// <summary>Moves <paramref name="queues"/> until the result is disposed; it is ready when this returns.</summary>
    Task<IMoverRun> StartAsync(IReadOnlyList<string> queues, CancellationToken cancellationToken);
}
