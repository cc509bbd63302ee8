namespace Forwarder.IntegrationTests.TestHelpers;

/// <summary>A pair whose cloud broker also listens on stomp+ssl with a self-signed certificate (its own CA).</summary>
public sealed class TlsFixture() : BrokerPairFixture("tls")
{
    protected override BrokerOptions CreateCloudOptions() => base.CreateCloudOptions() with { StompSsl = true };
}
