namespace Forwarder.IntegrationTests.TestHelpers;

/// <summary>One on-prem + cloud broker pair shared by the tests that do not stop or reconfigure a broker.</summary>
[CollectionDefinition(Name)]
public sealed class BrokerPairDefinition : ICollectionFixture<BrokerPairFixture>
{
    public const string Name = "broker pair";
}
