using Functions.Tests.Processing;

namespace Functions.Tests.Handlers;

public sealed class OrdersHandlerTests
{
    [Fact]
    public async Task Orders_ValidOrder_ProcessedAndLogged()
    {
        var harness = ProcessorHarness.ForHandler("orders");

        var (summary, _, context) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:1", TestEvents.Order())));

        Assert.Equal(1, summary!.Processed);
        Assert.Equal(["Order ORD-1001 for customer C-42 accepted: 1 lines, total 19.90 EUR"], context.Lines(4001));
    }

    [Theory]
    [InlineData("""{"orderId":"ORD-1","customerId":"C-1","currency":"EUR","lines":[{"sku":"A","quantity":0,"unitPrice":1}]}""", "invalid order: lines[0].quantity is 0, must be at least 1")]
    [InlineData("""{"orderId":"ORD-1","customerId":"C-1","currency":"euro","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""", "invalid order: currency 'euro' is not an ISO 4217 code such as EUR")]
    [InlineData("not json at all", "body is not a valid Order JSON document")]
    [InlineData("""{"orderId":"ORD-1","customerId":"C-1","currency":"EUR","lines":[{"sku":"A","quantity":2,"unitPrice":79228162514264337593543950335}]}""", "invalid order: its total exceeds the largest decimal (79228162514264337593543950335)")]
    [InlineData("null", "body is JSON null, expected Order")]
    [InlineData("""{"orderId":"ORD-1","lines":[{"quantity":"many"}]}""", "body is not a valid Order JSON document at $.lines[0].quantity")]
    public async Task Orders_BadOrder_DeadLetteredWithReason(string body, string reason)
    {
        var harness = ProcessorHarness.ForHandler("orders");

        var (summary, error, _) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:1", body)));

        Assert.Null(error);
        Assert.Equal(1, summary!.DeadLettered);
        var letter = Assert.Single(harness.Sink.Sent);
        Assert.StartsWith(reason, letter.Provenance.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(body, Encoding.UTF8.GetString(letter.Body.Span));
    }

    [Fact]
    public async Task Orders_QuantityAsString_Accepted()
    {
        var harness = ProcessorHarness.ForHandler("orders");
        var body = """{"OrderId":"ORD-2","customerId":"C-1","currency":"USD","lines":[{"sku":"A","quantity":"3","unitPrice":"1.50"}]}""";

        var (summary, _, _) = await harness.InvokeAsync(TestEvents.ActiveMq(TestEvents.TextMessage("ID:1", body)));

        Assert.Equal(1, summary!.Processed);
    }

    [Fact]
    public async Task Echo_BinaryAndText_BothProcessed()
    {
        var harness = ProcessorHarness.ForHandler("echo");

        var (summary, _, context) = await harness.InvokeAsync(TestEvents.ActiveMq(
            TestEvents.TextMessage("ID:1", "hello"), TestEvents.BytesMessage("ID:2", [0, 1, 2, 0xFF])));

        Assert.Equal(2, summary!.Processed);
        Assert.Equal(["Echo of message ID:1 (original ID:1): 5 bytes: hello", "Echo of message ID:2 (original ID:2): 4 bytes: (binary, base64 AAEC/w==)"], context.Lines(4002));
    }

    [Theory]
    [InlineData(null, "orders")]
    [InlineData("", "orders")]
    [InlineData("bootstrap", "orders")]
    [InlineData("Orders", "orders")]
    [InlineData(" echo ", "echo")]
    public void Resolve_KnownOrDefault_ReturnsName(string? setting, string expected) =>
        Assert.Equal(expected, FunctionHandlers.Registry.Resolve(setting));

    [Fact]
    public void Resolve_Unknown_InitErrorNamingKnownHandlers()
    {
        var error = Assert.Throws<InitializationException>(() => FunctionHandlers.Registry.Resolve("Function::Handler"));

        Assert.Equal("_HANDLER 'Function::Handler' is not a known handler. Known handlers: orders, echo ('bootstrap' or an empty value selects 'orders').", error.Message);
    }
}
