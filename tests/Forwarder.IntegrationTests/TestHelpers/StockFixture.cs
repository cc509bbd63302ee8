namespace Forwarder.IntegrationTests.TestHelpers;

/// <summary>
/// A pair whose on-prem broker runs Debian's stock configuration without the jars: no destination policy (so no
/// processNonPersistent: a NACKed non-persistent message is dropped) and the shared ActiveMQ.DLQ.
/// </summary>
public sealed class StockFixture() : BrokerPairFixture("stock")
{
    protected override BrokerOptions CreateOnPremOptions() => base.CreateOnPremOptions() with
    {
        StockConfiguration = true,
        WithoutJars = true,
        DeadLetterQueuePrefix = null,
    };
}
