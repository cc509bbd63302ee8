using Harness.ActiveMq;

namespace LocalPipeline.Stages;

/// <summary>A private ActiveMQ broker (the harness's <see cref="ActiveMqBroker"/>) in a folder of the run, kept after it stops.</summary>
internal sealed class LocalBroker
{
    private readonly ActiveMqBroker _broker;

    private LocalBroker(ActiveMqBroker broker) => _broker = broker;

    public string Directory => _broker.DataDir;

    public Uri StompUri => _broker.StompUri;

    public Uri OpenWireUri => _broker.OpenWireUri;

    /// <param name="options">More <c>scripts/broker.sh start</c> options, e.g. <c>--dlq-prefix DLQ.</c>.</param>
    public static async Task<LocalBroker> StartAsync(string repositoryRoot, string name, string directory, IEnumerable<string> options, CancellationToken cancellationToken)
    {
        var broker = await ActiveMqBroker.StartAsync(
            new BrokerOptions
            {
                Name = name,
                Directory = directory,
                RepositoryRoot = repositoryRoot,
                Statistics = false,
                ExtraArguments = [.. options],
            },
            cancellationToken).ConfigureAwait(false);
        return new LocalBroker(broker);
    }

    /// <summary>SIGTERM, then start again on the same ports with the same data.</summary>
    public Task RestartAsync(CancellationToken cancellationToken) => _broker.RestartAsync(cancellationToken);

    /// <summary>SIGTERM (clean KahaDB shutdown), SIGKILL after 30 s.</summary>
    public Task StopAsync() => _broker.StopAsync(CancellationToken.None);
}
