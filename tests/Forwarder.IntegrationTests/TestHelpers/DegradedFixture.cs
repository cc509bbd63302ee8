namespace Forwarder.IntegrationTests.TestHelpers;

/// <summary>A pair whose on-prem broker is Debian's stock one, without the xstream/jettison jars.</summary>
public sealed class DegradedFixture() : BrokerPairFixture("nojars")
{
    protected override BrokerOptions CreateOnPremOptions() => base.CreateOnPremOptions() with { WithoutJars = true };
}
