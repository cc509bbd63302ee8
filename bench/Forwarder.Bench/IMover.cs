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

    /// <summary>Leaves <paramref name="count"/> messages waiting on <paramref name="queue"/> of <see cref="Source"/>, not moved yet.</summary>
    Task FillBacklogAsync(string queue, int count, CancellationToken cancellationToken);

    /// <summary>Moves <paramref name="queue"/> until the result is disposed; it is ready when this returns.</summary>
    Task<IMoverRun> StartAsync(string queue, CancellationToken cancellationToken);
}
