using Harness.ActiveMq;
using Xunit;

namespace Testing.ActiveMq;

/// <summary>
/// One broker for a test class or collection (<c>IClassFixture&lt;ActiveMqFixture&gt;</c>, <c>ICollectionFixture</c>
/// or <c>[assembly: AssemblyFixture(typeof(ActiveMqFixture))]</c>). Override <see cref="CreateOptions"/> for plugins,
/// users or TLS. Use <see cref="UniqueQueue"/> per test.
/// </summary>
public class ActiveMqFixture : IAsyncLifetime
{
    private ActiveMqBroker? _broker;

    public ActiveMqBroker Broker => _broker ?? throw new InvalidOperationException("the fixture is not initialised");

    public static string UniqueQueue(string prefix) => TestNames.UniqueQueue(prefix);

    public virtual async ValueTask InitializeAsync() => _broker = await ActiveMqBroker.StartAsync(CreateOptions());

    public virtual async ValueTask DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected virtual BrokerOptions CreateOptions() => new() { Name = "amq" };
}
