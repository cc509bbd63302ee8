using Forwarder.Redrive;

namespace Forwarder.Tests.Redrive;

public sealed class RedriveHeadersTests
{
    [Fact]
    public void For_ParkedCopy_DropsBookkeepingAndExpiryKeepsDataAndCountsOneUp()
    {
        KeyValuePair<string, string>[] parked =
        [
            new("message-id", "ID:onprem-1:1:1:1:9"), new("destination", "/queue/DLQ.Orders"), new("subscription", "1"), new("ack", "ID:x:1"),
            new("redelivered", "true"), new("content-length", "3"), new("expires", "1795612728546"), new("persistent", "true"),
            new("priority", "7"), new("timestamp", "1795609128546"), new("correlation-id", "c1"), new("type", "legacy"), new("reply-to", "/queue/R"),
            new("fwd_origin_id", "ID:onprem-1:1:1:1:3"), new("fwd_origin_queue", "Orders"), new("fwd_park_reason", "refused"),
            new("fwd_original_expires", "1795612728546"), new("fwd_redrive_count", "2"), new("dlqDeliveryFailureCause", "poison"),
            new("pString", "k=v:w"), new("pString", "second"),
        ];

        var headers = RedriveHeaders.For(parked, "ID:onprem-1:1:1:1:9", "Orders");

        Assert.Equal(
            [
                new("priority", "7"), new("timestamp", "1795609128546"), new("correlation-id", "c1"), new("type", "legacy"), new("reply-to", "/queue/R"),
                new("fwd_origin_id", "ID:onprem-1:1:1:1:3"), new("fwd_origin_queue", "Orders"), new("pString", "k=v:w"),
                new("fwd_redrive_count", "3"), new("persistent", "true"),
            ],
            headers);
    }

    [Fact]
    public void For_NoProvenance_StampsOriginSoTheCopyKeepsTheKey()
    {
        var headers = RedriveHeaders.For([new("message-id", "ID:cloud-1:1:1:1:1")], "ID:cloud-1:1:1:1:1", "orders");

        Assert.Equal(
            [new("fwd_origin_id", "ID:cloud-1:1:1:1:1"), new("fwd_origin_queue", "orders"), new("fwd_redrive_count", "1"), new("persistent", "true")],
            headers);
    }

    [Theory]
    [InlineData("priority", "HIGH")]
    [InlineData("timestamp", "yesterday")]
    [InlineData("reply-to", "null")]
    [InlineData("correlation-id", "")]
    public void For_InvalidJmsHeaderValue_IsNotCopied(string name, string value) =>
        Assert.DoesNotContain(RedriveHeaders.For([new(name, value)], "id", "q"), h => h.Key == name);

    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData("4", 4)]
    [InlineData(" 4 ", 4)]
    [InlineData("-1", 0)]
    [InlineData("many", 0)]
    public void CountOf_Text_WholeNumberOrZero(string? text, int expected) => Assert.Equal(expected, RedriveHeaders.CountOf(text));
}
