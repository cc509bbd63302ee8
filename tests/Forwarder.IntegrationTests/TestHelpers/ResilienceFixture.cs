namespace Forwarder.IntegrationTests.TestHelpers;

/// <summary>
/// A broker pair of its own, because these tests stop and restart brokers. The cloud broker authorises the
/// agent's user (<c>app</c>, group users) for <c>Ok.&gt;</c> only, so sends to other queues are refused (poison).
/// </summary>
public sealed class ResilienceFixture() : BrokerPairFixture("resilience")
{
    protected override BrokerOptions CreateCloudOptions() => base.CreateCloudOptions() with
    {
        Authorization = ["queue:>:admins:admins:admins", "queue:Ok.>:users:users:users"],
    };
}
