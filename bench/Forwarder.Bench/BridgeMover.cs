using Forwarder.Configuration;
using Harness.ActiveMq;
using ForwarderXml = Forwarder.NetworkConnector.NetworkConnectorXml;

namespace Forwarder.Bench;

/// <summary>
/// ActiveMQ's networkConnector as <c>forwarder network-connector</c> prints it, on an on-prem broker of its own,
/// for every queue of this kind the run will use. It runs all along: a backlog builds only while the cloud is down.
/// </summary>
internal sealed class BridgeMover : IMover, IAsyncDisposable
{
    private const string BridgePassword = "bridgepw";
    private readonly ActiveMqBroker _source;
    private readonly string _suffix;

    private BridgeMover(ActiveMqBroker source, string suffix)
    {
        _source = source;
        _suffix = suffix;
    }

    public string Name => "ActiveMQ networkConnector";

    public ActiveMqBroker Source => _source;

    /// <summary>The cloud broker's user the bridge logs in as.</summary>
    public static BrokerUser User { get; } = new("bridge", BridgePassword);

    /// <param name="cloud">The target broker.</param>
    /// <param name="suffix">Makes this run's queue names unique.</param>
    /// <param name="kinds">The measurements, as <see cref="Queue"/> takes them.</param>
    /// <param name="runs">Queues of each kind, numbered from 0.</param>
    public static async Task<BridgeMover> StartAsync(ActiveMqBroker cloud, string suffix, IEnumerable<string> kinds, int runs)
    {
        var queues = kinds.SelectMany(kind => Enumerable.Range(0, runs).Select(run => QueueName(kind, suffix, run)));
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
        return new BridgeMover(source, suffix);
    }

    public string Queue(string kind, int pair) => QueueName(kind, _suffix, pair);

    public Task<IMoverRun> StartAsync(IReadOnlyList<string> queues, CancellationToken cancellationToken) => Task.FromResult<IMoverRun>(new NoAgent());

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
