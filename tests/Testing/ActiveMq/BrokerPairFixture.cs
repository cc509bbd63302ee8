using Harness.ActiveMq;
using Xunit;

namespace Testing.ActiveMq;

/// <summary>
/// The two brokers of the product: <see cref="OnPrem"/> (anonymous, like a legacy broker, DLQ.&lt;queue&gt; dead
/// letters) and <see cref="Cloud"/> (Amazon MQ stand-in: users required, the destination policy of template.yaml). Started in parallel, once per fixture
/// lifetime — use it as a collection or assembly fixture and <see cref="UniqueQueue"/> per test.
/// Override <see cref="CreateOnPremOptions"/> / <see cref="CreateCloudOptions"/> to change them.
/// </summary>
public class BrokerPairFixture : IAsyncLifetime
{
    public const string CloudUser = "app";
    public const string CloudPassword = "apppw";
    public const string BridgeUser = "bridge";
    public const string BridgePassword = "bridgepw";
    public const string AdminUser = "admin";
    public const string AdminPassword = "adminpw";

    /// <summary>The users of <see cref="Cloud"/> (and of the Amazon MQ stand-ins of other fixtures).</summary>
    public static IReadOnlyList<BrokerUser> CloudUsers { get; } =
    [
        new BrokerUser(AdminUser, AdminPassword, "admins,users"),
        new BrokerUser(BridgeUser, BridgePassword),
        new BrokerUser(CloudUser, CloudPassword),
    ];

    private readonly string _nameSuffix = string.Empty;
    private ActiveMqBroker? _onPrem;
    private ActiveMqBroker? _cloud;

    public BrokerPairFixture()
    {
    }

    /// <summary>A pair of one test class's own, its brokers named <c>onprem-</c><paramref name="name"/> and <c>cloud-</c><paramref name="name"/>.</summary>
    protected BrokerPairFixture(string name) => _nameSuffix = "-" + name;

    public ActiveMqBroker OnPrem => _onPrem ?? throw new InvalidOperationException("the fixture is not initialised");

    public ActiveMqBroker Cloud => _cloud ?? throw new InvalidOperationException("the fixture is not initialised");

    public static string UniqueQueue(string prefix) => TestNames.UniqueQueue(prefix);

    public virtual async ValueTask InitializeAsync()
    {
        var onPrem = ActiveMqBroker.StartAsync(CreateOnPremOptions());
        var cloud = ActiveMqBroker.StartAsync(CreateCloudOptions());
        try
        {
            await Task.WhenAll(onPrem, cloud);
        }
        finally
        {
            // Keep whichever started so DisposeAsync stops it even when the other failed.
            _onPrem = onPrem.IsCompletedSuccessfully ? await onPrem : null;
            _cloud = cloud.IsCompletedSuccessfully ? await cloud : null;
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_onPrem is not null)
        {
            await _onPrem.DisposeAsync();
        }

        if (_cloud is not null)
        {
            await _cloud.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected virtual BrokerOptions CreateOnPremOptions() => new()
    {
        Name = "onprem" + _nameSuffix,
        DeadLetterQueuePrefix = "DLQ.",
    };

    protected virtual BrokerOptions CreateCloudOptions() => new()
    {
        Name = "cloud" + _nameSuffix,
        TemplateDestinationPolicy = true,
        Users = CloudUsers,
    };
}
