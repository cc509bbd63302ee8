namespace Functions.Tests.Processing;

public sealed class BatchProcessorOutcomeTests
{
    private static readonly Func<string, MessageContext, CancellationToken, ValueTask<HandlerResult>> Accept =
        (_, _, _) => ValueTask.FromResult(HandlerResult.Processed);

    [Fact]
    public async Task InvokeAsync_AllMessagesProcessed_ReturnsSummaryAndLogsEachOnce()
    {
        var harness = ProcessorHarness.ForText(Accept, out var handler);

        var (summary, error, context) = await harness.InvokeAsync(TestEvents.ActiveMq(
            TestEvents.TextMessage("ID:1", "one"), TestEvents.TextMessage("ID:2", "two")));

        Assert.Null(error);
        Assert.Equal(new BatchSummary(2, 2, 0, 0, 0, 0), summary! with { DurationMs = 0 });
        Assert.Equal(2, handler.Calls.Count);
        Assert.Equal(["Message ID:1 (original ID:1): processed", "Message ID:2 (original ID:2): processed"], context.Lines(2001));
        var summaryLine = Assert.Single(context.Lines(2005));
        Assert.Contains("2 processed, 0 skipped (already processed), 0 dead-lettered, 0 to retry", summaryLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_HandlerSaysPoison_DeadLettersOriginalBodyWithProvenance()
    {
        var harness = ProcessorHarness.ForText((_, _, _) => ValueTask.FromResult(HandlerResult.Poison("no good")), out _);

        var (summary, error, context) = await harness.InvokeAsync(TestEvents.ActiveMq(
            TestEvents.TextMessage("ID:1", "bad body ü", new Dictionary<string, string> { [ProvenanceProperties.OriginId] = "ORIG-1" }, redelivered: true)));

        Assert.Null(error);
        Assert.Equal(1, summary!.DeadLettered);
        var letter = Assert.Single(harness.Sink.Sent);
        Assert.Equal(Encoding.UTF8.GetBytes("bad body ü"), letter.Body.ToArray());
        var p = letter.Provenance;
        Assert.Equal(("ID:1", "ORIG-1", "orders", TestEvents.BrokerArn, "corr-ID:1", 2, true), (p.MessageId, p.OriginalId, p.Queue, p.BrokerArn, p.CorrelationId, p.DeliveryMode, p.Redelivered));
        Assert.Equal(("Poison", "no good", "test", "req-1", "aws:mq"), (p.ErrorType, p.ErrorMessage, p.Handler, p.RequestId, p.EventSource));
        Assert.Equal(["Message ID:1 (original ORIG-1): dead-lettered: no good"], context.Lines(2003));
    }

    [Fact]
    public async Task InvokeAsync_DataNotBase64_DeadLettersRawTextWithReason()
    {
        var harness = ProcessorHarness.ForText(Accept, out var handler);

        var (summary, error, _) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.Message("ID:1", "not base64!")));

        Assert.Null(error);
        Assert.Equal(1, summary!.DeadLettered);
        Assert.Empty(handler.Calls);
        var letter = Assert.Single(harness.Sink.Sent);
        Assert.Equal("not base64!", Encoding.UTF8.GetString(letter.Body.Span));
        Assert.StartsWith("data is not base64", letter.Provenance.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_DataMissing_DeadLettersWithReason()
    {
        var harness = ProcessorHarness.ForText(Accept, out _);

        var (summary, _, _) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.Message("ID:1", null)));

        Assert.Equal(1, summary!.DeadLettered);
        Assert.Equal("data is missing", Assert.Single(harness.Sink.Sent).Provenance.ErrorMessage);
    }

    [Fact]
    public async Task InvokeAsync_BodyNotUtf8ForTextHandler_DeadLettersBytesUnchanged()
    {
        var harness = ProcessorHarness.ForText(Accept, out var handler);
        byte[] body = [0xC3, 0x28, 0x00, 0xFF];

        var (summary, _, _) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.BytesMessage("ID:1", body)));

        Assert.Equal(1, summary!.DeadLettered);
        Assert.Empty(handler.Calls);
        var letter = Assert.Single(harness.Sink.Sent);
        Assert.Equal(body, letter.Body.ToArray());
        Assert.Contains("not valid UTF-8", letter.Provenance.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_PermanentException_DeadLettersWithExceptionType()
    {
        var harness = ProcessorHarness.ForText((_, _, _) => throw new FormatException("bad date '31/02'"), out _);

        var (summary, error, _) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:1", "x")));

        Assert.Null(error);
        Assert.Equal(1, summary!.DeadLettered);
        var p = Assert.Single(harness.Sink.Sent).Provenance;
        Assert.Equal(("System.FormatException", "bad date '31/02'"), (p.ErrorType, p.ErrorMessage));
    }

    [Fact]
    public async Task InvokeAsync_TransientException_FailsBatchAfterRecordingTheOthers()
    {
        var harness = ProcessorHarness.ForText(
            (text, _, _) => text == "flaky" ? throw new TimeoutException("db timed out") : ValueTask.FromResult(HandlerResult.Processed), out _);

        var (summary, error, context) = await harness.InvokeAsync(TestEvents.ActiveMq(
            TestEvents.TextMessage("ID:1", "ok"), TestEvents.TextMessage("ID:2", "flaky"), TestEvents.TextMessage("ID:3", "ok")));

        Assert.Null(summary);
        Assert.NotNull(error);
        Assert.Equal(BatchProcessor.BatchRetryErrorType, error.ErrorType);
        Assert.Contains("1 of 3 messages must be retried", error.Message, StringComparison.Ordinal);
        Assert.Contains("message 'ID:2': TimeoutException: db timed out", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, context.Lines(2001).Count);
        Assert.Equal(["Message ID:2 (original ID:2): to retry: TimeoutException: db timed out"], context.Lines(2004));
        Assert.Contains("2 processed, 0 skipped (already processed), 0 dead-lettered, 1 to retry", Assert.Single(context.Lines(2005)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_MalformedEventJson_ThrowsInvalidEventNamingTheProblem()
    {
        var harness = ProcessorHarness.ForText(Accept, out _);

        var (_, error, _) = await harness.InvokeAsync(Encoding.UTF8.GetBytes("""{"eventSource":"aws:mq","messages":[{"messageID":"ID:1",}"""));

        Assert.NotNull(error);
        Assert.Equal("Function.InvalidEvent", error.ErrorType);
        Assert.StartsWith("The invocation payload (", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not a valid Amazon MQ event", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
    }

    [Theory]
    [InlineData("""{"hello":"world"}""", "neither aws:mq nor aws:rmq")]
    [InlineData("""{"eventSource":"aws:mq"}""", "messages")]
    [InlineData("[]", "not a JSON object")]
    public async Task InvokeAsync_NotAnMqEvent_ThrowsInvalidEvent(string payload, string expected)
    {
        var harness = ProcessorHarness.ForText(Accept, out _);

        var (_, error, _) = await harness.InvokeAsync(Encoding.UTF8.GetBytes(payload));

        Assert.NotNull(error);
        Assert.Equal("Function.InvalidEvent", error.ErrorType);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_DeadLetterRefused_RetriesBatchAndDoesNotRecordMessage()
    {
        var harness = ProcessorHarness.ForText((_, _, _) => ValueTask.FromResult(HandlerResult.Poison("bad")), out var handler);
        harness.Sink.Refuse = _ => "queue does not exist";
        var payload = TestEvents.ActiveMq(TestEvents.TextMessage("ID:1", "x"));

        var (_, error, context) = await harness.InvokeAsync(payload);

        Assert.NotNull(error);
        Assert.Contains("dead-lettering failed (queue does not exist); it had failed with: bad", error.Message, StringComparison.Ordinal);
        Assert.Empty(context.Lines(2003));

        // Nothing was lost or recorded: the redelivery handles the message again and dead-letters it.
        harness.Sink.Refuse = _ => null;
        var (summary, again, _) = await harness.InvokeAsync(payload, "req-2");
        Assert.Null(again);
        Assert.Equal(1, summary!.DeadLettered);
        Assert.Equal(2, handler.Calls.Count);
    }

    [Fact]
    public async Task InvokeAsync_SinkThrows_RetriesBatch()
    {
        var harness = ProcessorHarness.ForText((_, _, _) => ValueTask.FromResult(HandlerResult.Poison("bad")), out _);
        harness.Sink.Throw = new HttpRequestException("connection refused");

        var (_, error, _) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:1", "x")));

        Assert.NotNull(error);
        Assert.Contains("HttpRequestException: connection refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_MessageContext_CarriesIdsAndProperties()
    {
        var harness = ProcessorHarness.ForText(Accept, out var handler);

        await harness.InvokeAsync(TestEvents.ActiveMq(
            TestEvents.TextMessage("ID:9", "x", new Dictionary<string, string> { [ProvenanceProperties.OriginId] = "ORIG-9", ["region"] = "eu" }, redelivered: true)));

        var ctx = Assert.Single(handler.Calls);
        Assert.Equal(("ID:9", "ORIG-9", "orders", "corr-ID:9", true, "eu"), (ctx.MessageId, ctx.OriginalId, ctx.Queue, ctx.Headers.CorrelationId, ctx.Headers.Redelivered, ctx.Properties["region"]));
        Assert.Equal(("aws:mq", TestEvents.BrokerArn, "jms/text-message", "req-1"), (ctx.EventSource, ctx.BrokerArn, ctx.Headers.MessageType, ctx.Lambda.AwsRequestId));
    }
}
