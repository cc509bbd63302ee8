namespace Functions.Tests.DeadLetter;

/// <summary>A provenance with every field set, for the sink's tests (also linked into Functions.IntegrationTests).</summary>
internal static class SampleProvenance
{
    public static DeadLetterProvenance Create() => new()
    {
        MessageId = "ID:1",
        OriginalId = "ORIG-1",
        Queue = "orders",
        BrokerArn = "arn:aws:mq:us-east-1:1:broker:b:b-1",
        EventSource = "aws:mq",
        CorrelationId = "corr-1",
        DeliveryMode = 2,
        MessageType = "jms/text-message",
        Type = "OrderV2",
        ReplyTo = "queue://REPLIES",
        Priority = 7,
        Expiration = "1764064860000",
        Timestamp = "1764064800001",
        Redelivered = true,
        ErrorType = "Poison",
        ErrorMessage = "invalid order",
        Handler = "orders",
        RequestId = "req-1",
        Time = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero),
    };
}
