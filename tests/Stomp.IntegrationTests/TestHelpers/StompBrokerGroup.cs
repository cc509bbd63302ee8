namespace Stomp.IntegrationTests.TestHelpers;

/// <summary>The test classes that share <see cref="StompBrokerFixture"/>'s broker.</summary>
[CollectionDefinition(Name)]
public sealed class StompBrokerGroup : ICollectionFixture<StompBrokerFixture>
{
    public const string Name = "stomp-broker";
}
