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

    /// <param name="options">What the broker runs with; name, folder and checkout are set here, the statistics plugin is left out.</param>
    public static async Task<LocalBroker> StartAsync(string repositoryRoot, string name, string directory, BrokerOptions options, CancellationToken cancellationToken)
    {
        var broker = await ActiveMqBroker.StartAsync(
            options with
            {
                Name = name,
                Directory = directory,
                RepositoryRoot = repositoryRoot,
                Statistics = false,
            },
            cancellationToken).ConfigureAwait(false);
        return new LocalBroker(broker);
    }

    /// <summary>SIGTERM, then start again on the same ports with the same data.</summary>
    public Task RestartAsync(CancellationToken cancellationToken) => _broker.RestartAsync(cancellationToken);

    /// <summary>SIGTERM (clean KahaDB shutdown), SIGKILL after 30 s.</summary>
    public Task StopAsync() => _broker.StopAsync(CancellationToken.None);
}
