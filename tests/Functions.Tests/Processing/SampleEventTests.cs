namespace Functions.Tests.Processing;

/// <summary>The events/ samples (what <c>sam local invoke -e</c> uses) through the real handlers.</summary>
public sealed class SampleEventTests
{
    [Theory]
    [InlineData("activemq-order.json", "orders", 2, 0)]
    [InlineData("activemq-poison.json", "orders", 1, 3)]
    [InlineData("activemq-redelivered.json", "orders", 1, 0)]
    [InlineData("activemq-text.json", "echo", 2, 0)]
    [InlineData("activemq-bytes.json", "echo", 1, 0)]
    [InlineData("activemq-doc-variant.json", "echo", 2, 0)]
    [InlineData("rabbitmq.json", "echo", 1, 0)]
    public async Task InvokeAsync_SampleEvent_ExpectedOutcomes(string file, string handler, int processed, int deadLettered)
    {
        var harness = ProcessorHarness.ForHandler(handler);

        var (summary, error, _) = await harness.InvokeAsync(await ReadAsync(file));

        Assert.Null(error);
        Assert.Equal((processed, 0, deadLettered, 0), (summary!.Processed, summary.Skipped, summary.DeadLettered, summary.Retry));
    }

    [Fact]
    public async Task InvokeAsync_PoisonSample_ReasonsPerMessage()
    {
        var harness = ProcessorHarness.ForHandler("orders");

        await harness.InvokeAsync(await ReadAsync("activemq-poison.json"));

        Assert.Collection(harness.Sink.Sent,
            l => Assert.Equal("invalid order: lines[0].quantity is -2, must be at least 1", l.Provenance.ErrorMessage),
            l => Assert.StartsWith("data is not base64", l.Provenance.ErrorMessage, StringComparison.Ordinal),
            l => Assert.StartsWith("body is not a valid Order JSON document", l.Provenance.ErrorMessage, StringComparison.Ordinal));
        Assert.Equal("ID:legacy-host-41213-1764060000000-1:1:1:1:2002", harness.Sink.Sent[0].Provenance.OriginalId);
    }

    [Fact]
    public async Task InvokeAsync_PoisonSample_DeadLetterCarriesPropertiesAndJmsHeaders()
    {
        var harness = ProcessorHarness.ForHandler("orders");

        await harness.InvokeAsync(await ReadAsync("activemq-poison.json"));

        var letter = harness.Sink.Sent[0];
        Assert.Equal(new Dictionary<string, string>
        {
            [ProvenanceProperties.OriginId] = "ID:legacy-host-41213-1764060000000-1:1:1:1:2002",
            [ProvenanceProperties.OriginQueue] = "LEGACY.ORDERS",
            [ProvenanceProperties.Link] = "onprem-to-amazonmq",
            [ProvenanceProperties.Time] = "1764064799500",
            [ProvenanceProperties.Hops] = "1",
        }, letter.Properties);
        var p = letter.Provenance;
        Assert.Equal(("jms/text-message", "", null, 4, "0", "1764064800002"), (p.MessageType, p.Type, p.ReplyTo, p.Priority, p.Expiration, p.Timestamp));
    }

    [Fact]
    public async Task InvokeAsync_RabbitMqPoison_DeadLetterCarriesHeadersAsPropertiesAndAmqpFields()
    {
        var handler = new DelegateHandler<ReadOnlyMemory<byte>>((_, _, _) => ValueTask.FromResult(HandlerResult.Poison("no")));
        var harness = new ProcessorHarness(new MessageDispatcher<ReadOnlyMemory<byte>>(BodyDecoders.Bytes, handler));

        await harness.InvokeAsync(await ReadAsync("rabbitmq.json"));

        var letter = Assert.Single(harness.Sink.Sent);
        Assert.Equal(new Dictionary<string, string> { ["header1"] = "value1", ["header2"] = "value2", ["numberInHeader"] = "10" }, letter.Properties);
        var p = letter.Provenance;
        Assert.Equal(("text/plain", null, null, 34, "60000", "Jan 1, 1970, 12:33:41 AM"), (p.MessageType, p.Type, p.ReplyTo, p.Priority, p.Expiration, p.Timestamp));
    }

    [Fact]
    public async Task InvokeAsync_RedeliveredAfterOrder_SkipsTheAlreadyProcessedOrder()
    {
        var harness = ProcessorHarness.ForHandler("orders");

        await harness.InvokeAsync(await ReadAsync("activemq-order.json"));
        var (summary, _, context) = await harness.InvokeAsync(await ReadAsync("activemq-redelivered.json"), "req-2");

        Assert.Equal((0, 1), (summary!.Processed, summary.Skipped));
        Assert.Contains("(original ID:legacy-host-41213-1764060000000-1:1:1:1:1001): already processed", Assert.Single(context.Lines(2002)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_RabbitMqWithoutMessageId_HashIdAndHeadersAsProperties()
    {
        var handler = new DelegateHandler<ReadOnlyMemory<byte>>((_, _, _) => ValueTask.FromResult(HandlerResult.Processed));
        var harness = new ProcessorHarness(new MessageDispatcher<ReadOnlyMemory<byte>>(BodyDecoders.Bytes, handler));

        await harness.InvokeAsync(await ReadAsync("rabbitmq.json"));
        await harness.InvokeAsync(await ReadAsync("rabbitmq.json"), "req-2");

        var context = Assert.Single(handler.Calls);
        Assert.StartsWith("rmq-sha256:", context.MessageId, StringComparison.Ordinal);
        Assert.Equal(("pizzaQueue", "aws:rmq", "value1", "value2", "10"),
            (context.Queue, context.EventSource, context.Properties["header1"], context.Properties["header2"], context.Properties["numberInHeader"]));
    }

    private static Task<byte[]> ReadAsync(string file) =>
        File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "events", file), Ct);
}
