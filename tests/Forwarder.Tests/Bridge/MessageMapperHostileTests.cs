using Contract;

namespace Forwarder.Tests.Bridge;

/// <summary>
/// JMS properties named like STOMP headers: ActiveMQ writes them over the headers (forwarder/README.md, "Producer properties are data"), so each
/// frame here is one a legacy producer can cause. They are data: never routing, identity or durability.
/// </summary>
public sealed class MessageMapperHostileTests
{
    private const string SourceId = "ID:vm-43057-1795609128282-1:1:1:1:2";

    private static MessageMapper Mapper(Action<Forwarder.Configuration.ForwarderOptions>? change = null)
    {
        var options = TestOptions.Valid();
        change?.Invoke(options);
        return new MessageMapper(options, new FakeTimeProvider());
    }

    /// <summary>
    /// A frame from queue Orders.A as ActiveMQ writes it: a property replaces the header of its name, any other is
    /// added before <c>subscription</c> and <c>ack</c>.
    /// </summary>
    private static InboundMessage Received(string body = "{}", bool contentLength = false, params (string Name, string Value)[] properties)
    {
        List<KeyValuePair<string, string>> headers =
        [
            new("message-id", SourceId), new("destination", "/queue/Orders.A"), new("persistent", "true"), new("priority", "4"),
            new("expires", "0"), new("timestamp", "1795609128546"), new("subscription", "1"), new("ack", "ID:s-1:7"),
        ];
        foreach (var (name, value) in properties)
        {
            var at = headers.FindIndex(h => h.Key == name);
            if (at >= 0)
            {
                headers[at] = new(name, value);
            }
            else
            {
                headers.Insert(headers.Count - 2, new(name, value));
            }
        }

        var id = headers.First(h => h.Key == "message-id").Value;
        return new InboundMessage("Orders.A", id, new StompHeaders(headers), Encoding.UTF8.GetBytes(body), contentLength, false);
    }

    private static OutboundMessage Forwarded(InboundMessage message, Action<Forwarder.Configuration.ForwarderOptions>? change = null)
    {
        var outcome = Mapper(change).Map(message, transformationActive: true);
        Assert.Equal(MappingAction.Forward, outcome.Action);
        return outcome.Message!;
    }

    [Theory]
    [InlineData("destination", "Hamburg")]
    [InlineData("destination", "/queue/Orders.B")]
    [InlineData("message-id", "ORDER-1")]
    [InlineData("priority", "HIGH")]
    [InlineData("priority", "10")]
    [InlineData("priority", "-1")]
    [InlineData("expires", "tomorrow")]
    [InlineData("expires", "-1")]
    [InlineData("timestamp", "1.5")]
    [InlineData("persistent", "false")]
    [InlineData("persistent", "yes")]
    [InlineData("receipt", "r-1")]
    [InlineData("transaction", "tx-1")]
    public void Map_HostileProperty_TravelsRenamedAndHeaderGetsDefault(string name, string value)
    {
        var sent = Forwarded(Received(properties: (name, value)));

        Assert.Equal("Orders.A", sent.Queue);
        Assert.Equal(value, sent.Header(ProvenanceProperties.RenamedPropertyPrefix + name));
        Assert.Equal(name == "persistent" ? "true" : null, sent.Header(name));
    }

    [Theory]
    [InlineData("priority", "0")]
    [InlineData("priority", "9")]
    [InlineData("expires", "0")]
    [InlineData("expires", "1795612728546")]
    [InlineData("timestamp", "1795609128546")]
    public void Map_ValidHeaderValue_IsKept(string name, string value)
    {
        var sent = Forwarded(Received(properties: (name, value)));

        Assert.Equal(value, sent.Header(name));
        Assert.Null(sent.Header(ProvenanceProperties.RenamedPropertyPrefix + name));
    }

    [Fact]
    public void Map_ActiveMqMessageId_IsOriginIdAndDropped()
    {
        var sent = Forwarded(Received());

        Assert.Equal(SourceId, sent.Header(ProvenanceProperties.OriginId));
        Assert.Null(sent.Header("message-id"));
        Assert.Null(sent.Header(ProvenanceProperties.RenamedPropertyPrefix + "message-id"));
    }

    [Fact]
    public void Map_SameForgedMessageIdTwice_DifferentDigestOriginIds()
    {
        var first = Forwarded(Received("{\"n\":1}", false, ("message-id", "ORDER-1"))).Header(ProvenanceProperties.OriginId)!;
        var second = Forwarded(Received("{\"n\":2}", false, ("message-id", "ORDER-1"))).Header(ProvenanceProperties.OriginId)!;

        Assert.StartsWith(ProvenanceProperties.DigestOriginIdPrefix, first, StringComparison.Ordinal);
        Assert.Matches("^sha256:[0-9a-f]{64}$", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Map_ForgedMessageIdRedelivered_SameDigest()
    {
        var first = Received("{}", false, ("message-id", "ORDER-1"));
        List<KeyValuePair<string, string>> again = [.. first.Headers.Where(h => h.Key is not ("ack" or "subscription")), new("redelivered", "true"), new("subscription", "9"), new("ack", "ID:s-2:1")];
        var redelivered = first with { Headers = new StompHeaders(again), Redelivered = true };

        Assert.Equal(
            Forwarded(first).Header(ProvenanceProperties.OriginId),
            Forwarded(redelivered).Header(ProvenanceProperties.OriginId));
    }

    [Fact]
    public void Map_SameForgedFrameFromAnotherQueue_DifferentDigest()
    {
        var message = Received("{}", false, ("message-id", "ORDER-1"));

        Assert.NotEqual(
            Forwarded(message).Header(ProvenanceProperties.OriginId),
            Forwarded(message with { Queue = "Orders.B" }).Header(ProvenanceProperties.OriginId));
    }

    [Fact]
    public void Map_NonPersistentSource_ArrivesPersistent()
    {
        var nonPersistent = Received();
        nonPersistent = nonPersistent with { Headers = new StompHeaders([.. nonPersistent.Headers.Where(h => h.Key != "persistent")]) };

        var sent = Forwarded(nonPersistent);

        Assert.Equal("true", sent.Header("persistent"));
        Assert.Single(sent.Headers, h => h.Key == "persistent");
        Assert.Null(sent.Header(ProvenanceProperties.RenamedPropertyPrefix + "persistent"));
    }

    [Theory]
    [InlineData("true", "true", null)]
    [InlineData("false", "false", null)]
    [InlineData("yes", null, "yes")]
    public void Map_PersistentDeliveryOff_KeepsValidSourceValue(string value, string? header, string? renamed)
    {
        var sent = Forwarded(Received(properties: ("persistent", value)), o => o.PersistentDelivery = false);

        Assert.Equal(header, sent.Header("persistent"));
        Assert.Equal(renamed, sent.Header(ProvenanceProperties.RenamedPropertyPrefix + "persistent"));
    }

    [Fact]
    public void Map_UntrustedProvenance_RenamedAndStampedAfresh()
    {
        var sent = Forwarded(Received(
            properties: [(ProvenanceProperties.OriginId, "SAME"), (ProvenanceProperties.OriginQueue, "Elsewhere"), (ProvenanceProperties.Hops, "0"),
                (ProvenanceProperties.Link, "forged"), (ProvenanceProperties.BodyKind, "jms-map-json"), ("fwd_prop_priority", "x")]));

        Assert.Equal("SAME", sent.Header("orig_fwd_origin_id"));
        Assert.Equal("Elsewhere", sent.Header("orig_fwd_origin_queue"));
        Assert.Equal("forged", sent.Header("orig_fwd_link"));
        Assert.Equal("jms-map-json", sent.Header("orig_fwd_body_kind"));
        Assert.Equal("x", sent.Header("orig_fwd_prop_priority"));
        Assert.Equal(SourceId, sent.Header(ProvenanceProperties.OriginId));
        Assert.Equal("Orders.A", sent.Header(ProvenanceProperties.OriginQueue));
        Assert.Equal("1", sent.Header(ProvenanceProperties.Hops));
        Assert.Null(sent.Header(ProvenanceProperties.BodyKind));
        Assert.Single(sent.Headers, h => h.Key == ProvenanceProperties.OriginId);
    }

    [Fact]
    public void Map_TrustedUpstream_KeepsOrigin()
    {
        var sent = Forwarded(
            Received(properties: [(ProvenanceProperties.OriginId, "ID:first:1:1:1:1"), (ProvenanceProperties.OriginQueue, "Legacy"), (ProvenanceProperties.Hops, "1")]),
            o => (o.TrustUpstreamProvenance, o.NetworkTtl) = (true, 2));

        Assert.Equal("ID:first:1:1:1:1", sent.Header(ProvenanceProperties.OriginId));
        Assert.Equal("Legacy", sent.Header(ProvenanceProperties.OriginQueue));
        Assert.Equal("2", sent.Header(ProvenanceProperties.Hops));
        Assert.Null(sent.Header("orig_fwd_origin_id"));
    }

    [Fact]
    public void Map_UntrustedHopsAtTtl_StillParked()
    {
        var outcome = Mapper().Map(Received(properties: (ProvenanceProperties.Hops, "99")), true);

        Assert.Equal(MappingAction.Park, outcome.Action);
    }

    [Fact]
    public void Map_SecondContentLength_IsAProperty()
    {
        var bytes = Received("ab", true, ("content-length", "2"));
        bytes = bytes with { Headers = new StompHeaders([.. bytes.Headers, new("content-length", "99")]) };

        var sent = Forwarded(bytes);

        Assert.True(sent.WithContentLength);
        Assert.Null(sent.Header("content-length"));
        Assert.Equal("99", sent.Header("fwd_prop_content-length"));
    }

    [Fact]
    public void Map_TransformationPropertyWithoutJars_IsAPropertyNotABodyKind()
    {
        var outcome = Mapper().Map(Received("{\"a\":1}", false, ("transformation", "jms-map-json")), transformationActive: false);

        var sent = outcome.Message!;
        Assert.Equal("jms-map-json", sent.Header("fwd_prop_transformation"));
        Assert.Null(sent.Header(ProvenanceProperties.BodyKind));
        Assert.Equal("{\"a\":1}"u8.ToArray(), sent.Body.ToArray());
    }

    [Fact]
    public void Map_Unroutable_ParksWithReason()
    {
        var outcome = Mapper().Map(Received(properties: ("destination", "Hamburg")) with { Unroutable = "unknown source" }, true);

        Assert.Equal((MappingAction.Park, "unknown source"), (outcome.Action, outcome.Reason));
    }

    [Theory]
    [InlineData("jms-map-json")]
    [InlineData("jms-object-json")]
    public void Map_UnforwardableRenderedMapOrObject_DeadLettersInsteadOfLossyCopy(string kind)
    {
        var message = Received("{\"map\":{}}", false, ("transformation", kind), (ProvenanceProperties.Hops, "5"));

        var outcome = Mapper().Map(message, transformationActive: true);

        Assert.Equal(MappingAction.DeadLetter, outcome.Action);
        Assert.StartsWith("network TTL exhausted", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("map/object", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unforwardable_EmptyBodyWithoutJars_DeadLetters() =>
        Assert.Equal(MappingAction.DeadLetter, MessageMapper.Unforwardable(Received(""), "refused", transformationActive: false).Action);

    [Fact]
    public void ParkCopy_HostileText_PersistentNeverExpiresAndKeepsOriginalExpiry()
    {
        var message = Received("text", false, ("expires", "1795612728546"), ("priority", "HIGH"), ("persistent", "false"), ("destination", "Hamburg"));

        var copy = Mapper(o => o.PersistentDelivery = false).ParkCopy(message, "refused", true);

        Assert.Equal("DLQ.Orders.A", copy.Queue);
        Assert.False(copy.WithContentLength);
        Assert.Equal("true", copy.Header("persistent"));
        Assert.Single(copy.Headers, h => h.Key == "persistent");
        Assert.Null(copy.Header("expires"));
        Assert.Equal("1795612728546", copy.Header(ProvenanceProperties.OriginalExpires));
        Assert.Equal("HIGH", copy.Header("fwd_prop_priority"));
        Assert.Equal("false", copy.Header("fwd_prop_persistent"));
        Assert.Equal("Hamburg", copy.Header("fwd_prop_destination"));
        Assert.Null(copy.Header("priority"));
        Assert.Equal(SourceId, copy.Header(ProvenanceProperties.OriginId));
        Assert.Equal("refused", copy.Header(ProvenanceProperties.ParkReason));
    }

    [Fact]
    public void ParkCopy_UntrustedOrigin_RenamedAndStampedAfresh()
    {
        var copy = Mapper().ParkCopy(Received("b", true, (ProvenanceProperties.OriginId, "SAME"), (ProvenanceProperties.ParkReason, "old")), "why", true);

        Assert.True(copy.WithContentLength);
        Assert.Equal("SAME", copy.Header("orig_fwd_origin_id"));
        Assert.Equal("old", copy.Header("orig_fwd_park_reason"));
        Assert.Equal(SourceId, copy.Header(ProvenanceProperties.OriginId));
        Assert.Equal("why", copy.Header(ProvenanceProperties.ParkReason));
    }
}
