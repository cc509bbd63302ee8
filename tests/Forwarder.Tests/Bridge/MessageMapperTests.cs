using Contract;

namespace Forwarder.Tests.Bridge;

public sealed class MessageMapperTests
{
    /// <summary>An id of the form ActiveMQ assigns (measured on ActiveMQ 5.17).</summary>
    private const string SourceId = "ID:vm-43057-1795609128282-1:1:1:1:2";

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static MessageMapper Mapper(Action<Forwarder.Configuration.ForwarderOptions>? change = null)
    {
        var options = TestOptions.Valid();
        change?.Invoke(options);
        return new MessageMapper(options, new FakeTimeProvider(Now));
    }

    private static InboundMessage Message(byte[] body, bool contentLength, params (string, string)[] headers) => new(
        "Orders.A",
        SourceId,
        new([new("message-id", SourceId), new("destination", "/queue/Orders.A"), new("subscription", "1"), new("ack", "ack-1"),
             new("redelivered", "true"), .. headers.Select(h => new KeyValuePair<string, string>(h.Item1, h.Item2))]),
        body,
        contentLength,
        true);

    [Fact]
    public void Map_TextWithJmsHeadersAndProperties_KeepsThemAndDropsBrokerHeaders()
    {
        var body = new byte[] { 0x72, 0xED, 0xA0, 0xBD, 0xED, 0xBA, 0x80, 0xC0, 0x80 };
        var message = Message(
            body,
            false,
            ("correlation-id", "corr-1"), ("type", "legacy.text"), ("reply-to", "/queue/Legacy.Reply"), ("priority", "7"),
            ("expires", "1795612728546"), ("persistent", "true"), ("timestamp", "1795609128546"), ("pLong", "9007199254740993"),
            ("pTricky", "k=v:w\nline2\r\\back\tTAB ü"), ("transformation", "jms-json"));

        var outcome = Mapper().Map(message, transformationActive: true);

        Assert.Equal(MappingAction.Forward, outcome.Action);
        var sent = outcome.Message!;
        Assert.Equal("Orders.A", sent.Queue);
        Assert.False(sent.WithContentLength);
        Assert.Equal(body, sent.Body.ToArray());
        foreach (var (key, value) in message.Headers.Where(h => h.Key is not ("message-id" or "destination" or "subscription" or "ack" or "redelivered" or "transformation")))
        {
            Assert.Equal(value, sent.Header(key));
        }

        foreach (var dropped in (string[])["message-id", "destination", "subscription", "ack", "redelivered", "transformation", "content-length"])
        {
            Assert.Null(sent.Header(dropped));
        }
    }

    [Fact]
    public void Map_HeadersDroppedOnReceipt_ParksNamingThem()
    {
        var message = Message("x"u8.ToArray(), contentLength: false) with { DroppedHeaders = ["big (20485 bytes)"] };

        var outcome = Mapper().Map(message, transformationActive: true);

        Assert.Equal(MappingAction.Park, outcome.Action);
        Assert.Contains("big (20485 bytes)", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_FirstHop_StampsProvenance()
    {
        var sent = Mapper().Map(Message([1], true), true).Message!;

        Assert.True(sent.WithContentLength);
        Assert.Equal(SourceId, sent.Header(ProvenanceProperties.OriginId));
        Assert.Equal("Orders.A", sent.Header(ProvenanceProperties.OriginQueue));
        Assert.Equal("Q:onprem->amazonmq", sent.Header(ProvenanceProperties.Link));
        Assert.Equal(Now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), sent.Header(ProvenanceProperties.Time));
        Assert.Equal("1", sent.Header(ProvenanceProperties.Hops));
    }

    [Fact]
    public void Map_SecondHop_KeepsOriginAndIncrementsHops()
    {
        var message = Message([1], true, (ProvenanceProperties.OriginId, "ID:first"), (ProvenanceProperties.OriginQueue, "Legacy.Orders"), (ProvenanceProperties.Link, "old"), (ProvenanceProperties.Hops, "1"));

        var sent = Mapper(o => (o.NetworkTtl, o.TrustUpstreamProvenance) = (3, true)).Map(message, true).Message!;

        Assert.Equal("ID:first", sent.Header(ProvenanceProperties.OriginId));
        Assert.Equal("Legacy.Orders", sent.Header(ProvenanceProperties.OriginQueue));
        Assert.Equal("Q:onprem->amazonmq", sent.Header(ProvenanceProperties.Link));
        Assert.Equal("2", sent.Header(ProvenanceProperties.Hops));
        Assert.Single(sent.Headers, h => h.Key == ProvenanceProperties.Hops);
    }

    [Theory]
    [InlineData("1", 1, true)]
    [InlineData("1", 2, false)]
    [InlineData("5", 2, true)]
    [InlineData("junk", 1, false)]
    public void Map_HopCount_ParksWhenTtlExhausted(string hops, int ttl, bool park)
    {
        var expected = park ? MappingAction.Park : MappingAction.Forward;
        var outcome = Mapper(o => o.NetworkTtl = ttl).Map(Message([1], true, (ProvenanceProperties.Hops, hops)), true);

        Assert.Equal(expected, outcome.Action);
        if (expected == MappingAction.Park)
        {
            Assert.StartsWith("network TTL exhausted", outcome.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Map_MapMessageAsJson_ForwardsTextLabelledInModifiedUtf8()
    {
        var json = Encoding.UTF8.GetBytes("{\"map\":{\"entry\":[{\"string\":[\"k\",\"🚀\"]}]}}");
        var outcome = Mapper().Map(Message(json, false, ("transformation", "jms-map-json")), true);

        var sent = outcome.Message!;
        Assert.Equal(ProvenanceProperties.MapJsonBodyKind, sent.Header(ProvenanceProperties.BodyKind));
        Assert.False(sent.WithContentLength);
        Assert.DoesNotContain((byte)0xF0, sent.Body.ToArray());
        Assert.Contains("\"k\",\"", Encoding.UTF8.GetString(sent.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Map_TextAboveMaxMessageBytes_ParksNamingTheLimit()
    {
        var outcome = Mapper(o => o.MaxMessageBytes = 1000).Map(Message(new byte[2000], false), true);

        Assert.Equal(MappingAction.Park, outcome.Action);
        Assert.Contains("above MaxMessageBytes=1000", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_PersistentMapMessageAboveMaxMessageBytes_DeadLettersSinceAParkedCopyWouldBeText()
    {
        var json = Encoding.UTF8.GetBytes("{\"map\":{\"entry\":[{\"string\":[\"k\",\"" + new string('v', 2000) + "\"]}]}}");
        var outcome = Mapper(o => o.MaxMessageBytes = 1000)
            .Map(Message(json, false, ("transformation", "jms-map-json"), ("persistent", "true")), true);

        Assert.Equal(MappingAction.DeadLetter, outcome.Action);
        Assert.Contains("above MaxMessageBytes=1000", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_EmptyPersistentBodyWithoutJars_DeadLetters()
    {
        var outcome = Mapper().Map(Message([], false, ("persistent", "true")), transformationActive: false);

        Assert.Equal(MappingAction.DeadLetter, outcome.Action);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public void Map_EmptyNonPersistentBodyWithoutJars_ParksSinceANackCouldDropIt(string? persistent)
    {
        var headers = persistent is null ? Array.Empty<(string, string)>() : [("persistent", persistent)];
        var outcome = Mapper().Map(Message([], false, headers), transformationActive: false);

        Assert.Equal(MappingAction.Park, outcome.Action);
        Assert.Contains("non-persistent", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_EmptyTextWithJars_Forwards() =>
        Assert.Equal(MappingAction.Forward, Mapper().Map(Message([], false, ("transformation", "jms-json")), transformationActive: true).Action);

    [Fact]
    public void Map_EmptyBytesWithoutJars_Forwards() =>
        Assert.Equal(MappingAction.Forward, Mapper().Map(Message([], true), transformationActive: false).Action);

    [Fact]
    public void Map_Rename_UsesPrefix()
    {
        var sent = Mapper(o => o.TargetQueuePrefix = "onprem.").Map(Message([1], true), true).Message!;

        Assert.Equal("onprem.Orders.A", sent.Queue);
        Assert.Equal("Orders.A", sent.Header(ProvenanceProperties.OriginQueue));
    }

    [Fact]
    public void Map_OneTargetQueue_SendsThereAndKeepsOriginQueue()
    {
        var sent = Mapper(o => o.TargetQueue = "orders").Map(Message([1], true), true).Message!;

        Assert.Equal("orders", sent.Queue);
        Assert.Equal("Orders.A", sent.Header(ProvenanceProperties.OriginQueue));
    }

    [Fact]
    public void ParkCopy_KeepsBodyAndPropertiesAndAddsReason()
    {
        var copy = Mapper().ParkCopy(Message([0, 0xFF], true, ("pString", "v"), ("persistent", "true")), "too large", true);

        Assert.Equal("DLQ.Orders.A", copy.Queue);
        Assert.True(copy.WithContentLength);
        Assert.Equal(new byte[] { 0, 0xFF }, copy.Body.ToArray());
        Assert.Equal("v", copy.Header("pString"));
        Assert.Equal("true", copy.Header("persistent"));
        Assert.Equal("too large", copy.Header(ProvenanceProperties.ParkReason));
        Assert.Equal(SourceId, copy.Header(ProvenanceProperties.OriginId));
        Assert.Null(copy.Header("message-id"));
    }
}
