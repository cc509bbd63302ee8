using Harness.ActiveMq;
using Xunit;

namespace Testing.ActiveMq;

/// <summary>
/// An active/standby pair as Amazon MQ deploys one: two brokers on one KahaDB directory (shared storage). The
/// <see cref="Active"/> one holds the store's lock; the <see cref="Standby"/> waits for it with its connectors closed,
/// so nothing answers on its URIs until the active one stops. Both have the users of
/// <see cref="BrokerPairFixture.Cloud"/>; stopped and their folders deleted on dispose.
/// </summary>
public class SharedStoragePairFixture : IAsyncLifetime
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "amq-tests", $"shared-store-{Guid.NewGuid():N}");
    private ActiveMqBroker? _active;
    private ActiveMqBroker? _standby;

    public ActiveMqBroker Active => _active ?? throw new InvalidOperationException("the fixture is not initialised");

    public ActiveMqBroker Standby => _standby ?? throw new InvalidOperationException("the fixture is not initialised");

    public virtual async ValueTask InitializeAsync()
    {
        // In order: the first to start takes the lock.
        _active = await ActiveMqBroker.StartAsync(CreateOptions("active"));
        _standby = await ActiveMqBroker.StartAsync(CreateOptions("standby"));
        if (Active.StartedAsStandby || !Standby.StartedAsStandby)
        {
            throw new InvalidOperationException($"expected {Active} active and {Standby} waiting on the lock of {_store}");
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        // The standby first: stopping the active one first would make it take over.
        foreach (var broker in (ActiveMqBroker?[])[_standby, _active])
        {
            if (broker is not null)
            {
                await broker.DisposeAsync();
            }
        }

        try
        {
            Directory.Delete(_store, recursive: true);
        }
        catch (IOException)
        {
            // A leftover (or never created) temp folder is harmless; never fail a test run over it.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The options of each broker; both must keep <see cref="BrokerOptions.SharedStore"/>.</summary>
    protected virtual BrokerOptions CreateOptions(string role) => new()
    {
        Name = "pair-" + role,
        SharedStore = _store,
        Users = BrokerPairFixture.CloudUsers,
    };
}
