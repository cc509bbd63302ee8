using Harness.Moto;
using Xunit;

namespace Testing.Moto;

/// <summary>
/// One <see cref="MotoServer"/> for a test class or collection (<c>IClassFixture&lt;MotoFixture&gt;</c> or
/// <c>ICollectionFixture</c>). Tests should use unique queue, bucket and table names rather than reset it.
/// </summary>
public class MotoFixture : IAsyncLifetime
{
    private MotoServer? _server;

    public MotoServer Server => _server ?? throw new InvalidOperationException("the fixture is not initialised");

    public virtual async ValueTask InitializeAsync() => _server = await MotoServer.StartAsync();

    public virtual async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
