namespace Contract.Tests.Events;

public sealed class MessageBodyTests
{
    private static ActiveMqMessage Message(string dataJson, string type = "jms/text-message") =>
        JsonSerializer.Deserialize(
            Encoding.UTF8.GetBytes($$"""{"messages":[{"messageID":"ID:m-1","messageType":"{{type}}","data":{{dataJson}}}]}"""),
            MqEventSerializerContext.Default.ActiveMqEvent)!.Messages.Single();

    private static ActiveMqMessage WithBody(byte[] body) => Message($"\"{Convert.ToBase64String(body)}\"");

    [Fact]
    public void DecodeBody_BytesSample_ReturnsExactBytes()
    {
        var evt = JsonSerializer.Deserialize(SampleEvents.Read("activemq-bytes.json"), MqEventSerializerContext.Default.ActiveMqEvent)!;

        var body = evt.Messages[0].DecodeBody();

        Assert.Equal(new byte[] { 0, 1, 2, 3, 0xfe, 0xff, 0x80, 0x7f, 0x0a, 0x0d }, body);
    }

    [Fact]
    public void DecodeBody_CalledTwice_ReturnsIndependentCopies()
    {
        var message = WithBody([1, 2, 3]);

        var first = message.DecodeBody();
        first[0] = 99;

        Assert.Equal(new byte[] { 1, 2, 3 }, message.DecodeBody());
    }

    [Fact]
    public void DecodeText_Utf8Body_ReturnsText()
    {
        var evt = JsonSerializer.Deserialize(SampleEvents.Read("activemq-text.json"), MqEventSerializerContext.Default.ActiveMqEvent)!;

        Assert.Equal("Hello from the legacy system", evt.Messages[0].DecodeText());
        Assert.Equal("Grüße aus Köln – ünïcödé text", evt.Messages[1].DecodeText());
    }

    [Fact]
    public void DecodeText_SupplementaryCharacters_RoundTrip()
    {
        Assert.Equal("rocket 🚀", WithBody(Encoding.UTF8.GetBytes("rocket 🚀")).DecodeText());
    }

    [Fact]
    public void DecodeBody_DataNotBase64_ThrowsNamingMessageAndReason()
    {
        var message = Message("\"this is not base64!\"");

        var error = Assert.Throws<MessageBodyException>(() => message.DecodeBody());

        Assert.Equal("ID:m-1", error.MessageId);
        Assert.Contains("ID:m-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid base64", error.Message, StringComparison.Ordinal);
        Assert.Contains("U+0021 at index 18", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_NotBase64_KeepsOriginalTextForDeadLettering()
    {
        var message = Message("\"this is not base64!\"");

        Assert.False(message.Data.IsValid);
        Assert.Equal("this is not base64!", message.Data.RawText);
        Assert.Equal("this is not base64!", message.Data.ToString());
    }

    [Fact]
    public void Data_NotAString_IsInvalidWithReasonNotAnEventError()
    {
        var message = Message("{\"x\":1}");

        Assert.False(message.TryDecodeBody(out _, out var error));
        Assert.Contains("not a base64 string", error, StringComparison.Ordinal);
        Assert.Equal("{\"x\":1}", message.Data.RawText);
    }

    [Theory]
    [InlineData("null")]
    [InlineData(null)]
    public void DecodeBody_DataMissingOrNull_ThrowsSayingSo(string? dataJson)
    {
        var message = dataJson is null
            ? JsonSerializer.Deserialize("""{"messages":[{"messageID":"ID:m-2"}]}"""u8, MqEventSerializerContext.Default.ActiveMqEvent)!.Messages[0]
            : Message(dataJson);

        var error = Assert.Throws<MessageBodyException>(() => message.DecodeText());

        Assert.Contains("'data' is missing or null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_Base64WithLineBreaks_IsAccepted()
    {
        Assert.Equal("Hello", Message("\"SGVs\\nbG8=\"").DecodeText());
    }

    [Fact]
    public void Data_EscapedSlashInBase64_IsDecoded()
    {
        Assert.Equal(new byte[] { 0xff, 0xff }, Message("\"\\/\\/8=\"").DecodeBody());
    }

    [Fact]
    public void Data_EmptyString_IsAnEmptyBody()
    {
        Assert.Empty(Message("\"\"").DecodeBody());
    }

    [Fact]
    public void TryDecodeBody_Invalid_ReturnsFalseWithReason()
    {
        var ok = Message("\"@@@\"").TryDecodeBody(out var body, out var error);

        Assert.False(ok);
        Assert.Empty(body);
        Assert.Contains("not valid base64", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecodeBody_Valid_ReturnsBody()
    {
        Assert.True(WithBody([7]).TryDecodeBody(out var body, out var error));
        Assert.Equal(new byte[] { 7 }, body);
        Assert.Null(error);
    }

    [Fact]
    public void DecodeText_InvalidUtf8_ThrowsInsteadOfReplacing()
    {
        var message = WithBody([0x41, 0xc3, 0x28, 0x42]);

        var error = Assert.Throws<MessageBodyException>(() => message.DecodeText());

        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Contains("ID:m-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeJson_OrderSample_ReturnsTypedValue()
    {
        var evt = JsonSerializer.Deserialize(SampleEvents.Read("activemq-order.json"), MqEventSerializerContext.Default.ActiveMqEvent)!;

        var order = evt.Messages[0].DecodeJson(TestJsonContext.Default.TestOrder);

        Assert.Equal("ORD-1001", order.OrderId);
        Assert.Equal("C-42", order.CustomerId);
        Assert.Equal("EUR", order.Currency);
        var line = Assert.Single(order.Lines);
        Assert.Equal(new TestOrderLine("A-1", 2, 9.95m), line);
        Assert.StartsWith("ID:legacy-host", evt.Messages[0].Properties![ProvenanceProperties.OriginId], StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeJson_NotJson_ThrowsWithTypeAndPosition()
    {
        var message = WithBody(Encoding.UTF8.GetBytes("plain text, not an order"));

        var error = Assert.Throws<MessageBodyException>(() => message.DecodeJson(TestJsonContext.Default.TestOrder));

        Assert.Contains("not a valid TestOrder JSON document", error.Message, StringComparison.Ordinal);
        Assert.Contains("ID:m-1", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
    }

    [Fact]
    public void DecodeJson_WrongFieldType_NamesThePath()
    {
        var message = WithBody("""{"orderId":"O","customerId":"C","currency":"EUR","lines":[{"sku":"A","quantity":"two","unitPrice":1}]}"""u8.ToArray());

        var error = Assert.Throws<MessageBodyException>(() => message.DecodeJson(TestJsonContext.Default.TestOrder));

        Assert.Contains("$.lines[0].quantity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeJson_JsonNull_Throws()
    {
        var error = Assert.Throws<MessageBodyException>(() => WithBody("null"u8.ToArray()).DecodeJson(TestJsonContext.Default.TestOrder));

        Assert.Contains("JSON null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MessageBodyReader_SpanHelpers_DecodeOrNameTheMessage()
    {
        Assert.Equal("ok", MessageBodyReader.DecodeText("ok"u8, "ID:s"));
        Assert.Equal("O-1", MessageBodyReader.DecodeJson("""{"orderId":"O-1","customerId":"C","currency":"EUR","lines":[]}"""u8, "ID:s", TestJsonContext.Default.TestOrder).OrderId);
        var error = Assert.Throws<MessageBodyException>(() => MessageBodyReader.DecodeText([0xff], "ID:s"));
        Assert.Equal("ID:s", error.MessageId);
        Assert.Equal("body is not valid UTF-8 (invalid byte at index 0)", error.Reason);
    }

    [Fact]
    public void MessageData_FromText_EncodesUtf8()
    {
        var data = MessageData.FromText("é");

        Assert.Equal(new byte[] { 0xc3, 0xa9 }, data.Bytes.ToArray());
        Assert.Equal("w6k=", data.ToString());
    }
}
