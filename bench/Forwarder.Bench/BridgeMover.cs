using Forwarder.Configuration;
using Harness.ActiveMq;
using ForwarderXml = Forwarder.NetworkConnector.NetworkConnectorXml;

namespace Forwarder.Bench;

/// <summary>
/// ActiveMQ's networkConnector as <c>forwarder network-connector</c> prints it, on an on-prem broker of its own,
/// for every queue of this kind the run will use. It runs all along; a backlog builds while the cloud is down.
/// </summary>
internal sealed class BridgeMover : IMover, IAsyncDisposable
{
    private const string BridgePassword = "bridgepw";
    private readonly ActiveMqBroker _source;
    private readonly ActiveMqBroker _cloud;
    private readonly int _size;
    private readonly string _suffix;

    private BridgeMover(ActiveMqBroker source, ActiveMqBroker cloud, int size, string suffix)
    {
        _source = source;
        _cloud = cloud;
        _size = size;
        _suffix = suffix;
    }

    public string Name => "ActiveMQ networkConnector";

    public ActiveMqBroker Source => _source;

    /// <summary>The cloud broker's user the bridge logs in as.</summary>
    public static BrokerUser User { get; } = new("bridge", BridgePassword);

    public static async Task<BridgeMover> StartAsync(ActiveMqBroker cloud, string suffix, IEnumerable<string> kinds, int pairs, int size)
    {
        var queues = kinds.SelectMany(kind => Enumerable.Range(0, pairs).Select(pair => QueueName(kind, suffix, pair)));
        var link = new ForwarderOptions
        {
            Name = "Q:onprem->cloud",
            Target = cloud.StompUri.ToString(),
            TargetUserName = User.Name,
            StaticallyIncludedDestinations = [.. queues],
        };
        var xml = ForwarderXml.Render(link, openWireUris: [cloud.OpenWireUri.ToString().TrimEnd('/')])
            .Replace(ForwarderXml.PasswordPlaceholder, BridgePassword, StringComparison.Ordinal);
        var source = await ActiveMqBroker.StartAsync(new BrokerOptions { Name = "onprem-bridge", Heap = "512m", NetworkConnectors = [xml] });
        return new BridgeMover(source, cloud, size, suffix);
    }

    public string Queue(string kind, int pair) => QueueName(kind, _suffix, pair);

    public async Task FillBacklogAsync(string queue, int count, CancellationToken cancellationToken)
    {
        // The bridge forwards a statically included queue at once; only with the cloud down does a backlog build.
        await _cloud.StopAsync(cancellationToken);
        await Backlog.SendAsync(_source.StompOptions(), queue, count, _size, 500, cancellationToken);
        await _cloud.StartAgainAsync(cancellationToken);
    }

    public Task<IMoverRun> StartAsync(string queue, CancellationToken cancellationToken) => Task.FromResult<IMoverRun>(new NoAgent());

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private static string QueueName(string kind, string suffix, int pair) => $"Bench.Bridge.{kind}.{suffix}.{pair}";

    /// <summary>The bridge runs inside the on-prem broker.</summary>
    private sealed class NoAgent : IMoverRun
    {
        public int AgentPid => 0;

        public double PeakRssMb() => double.NaN;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
