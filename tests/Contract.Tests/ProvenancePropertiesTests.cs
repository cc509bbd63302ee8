namespace Contract.Tests;

public sealed class ProvenancePropertiesTests
{
    // The wire names, written out: every part and every deployed forwarder depends on them, so they never change.
    [Theory]
    [InlineData(ProvenanceProperties.OriginId, "fwd_origin_id")]
    [InlineData(ProvenanceProperties.OriginQueue, "fwd_origin_queue")]
    [InlineData(ProvenanceProperties.Link, "fwd_link")]
    [InlineData(ProvenanceProperties.Time, "fwd_time")]
    [InlineData(ProvenanceProperties.Hops, "fwd_hops")]
    [InlineData(ProvenanceProperties.BodyKind, "fwd_body_kind")]
    [InlineData(ProvenanceProperties.ParkReason, "fwd_park_reason")]
    public void Name_IsTheWireName(string constant, string wireName)
    {
        Assert.Equal(wireName, constant);
        Assert.StartsWith(ProvenanceProperties.Prefix, constant, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ProvenanceProperties.MapJsonBodyKind, "jms-map-json")]
    [InlineData(ProvenanceProperties.ObjectJsonBodyKind, "jms-object-json")]
    [InlineData(ProvenanceProperties.MapXmlBodyKind, "jms-map-xml")]
    [InlineData(ProvenanceProperties.ObjectXmlBodyKind, "jms-object-xml")]
    public void BodyKind_IsTheBrokersTransformationName(string constant, string value) => Assert.Equal(value, constant);
}
