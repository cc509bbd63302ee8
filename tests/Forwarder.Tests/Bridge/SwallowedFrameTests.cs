namespace Forwarder.Tests.Bridge;

public sealed class SwallowedFrameTests
{
    // What ActiveMQ 5.17 writes for the next message on a STOMP 1.2 client-individual subscription.
    private const string NextFrame =
        "MESSAGE\ncontent-length:3\nexpires:0\ndestination:/queue/Orders.B\nsubscription:1\npriority:4\nmessage-id:ID:h-1:1:1:1:2\npersistent:true\ntimestamp:1765000000000\nack:ID:h-1:1:1:1:2\n\nabc";

    private static InboundMessage Bytes(string body, bool contentLength = true) =>
        TestMessages.Inbound("ID:src:1:1:1:1") with { Body = Encoding.UTF8.GetBytes(body), HasContentLength = contentLength };

    [Theory]
    [InlineData("hello\0" + NextFrame)]
    [InlineData("hello\0\n\n" + NextFrame)]
    [InlineData("hello\0\r\n" + NextFrame)]
    [InlineData("binary\0\u0001\0" + NextFrame)]
    public void IsSuspected_BytesBodyWithANextMessageFrameAfterANul_True(string body) =>
        Assert.True(SwallowedFrame.IsSuspected(Bytes(body)));

    [Theory]
    [InlineData("hello\0world")]
    [InlineData("hello, MESSAGE\nsubscription:1\nack:1\nmessage-id:1\n\n")]
    [InlineData("hello\0MESSAGE\ndestination:/queue/Orders.B\nmessage-id:ID:h-1:1:1:1:2\n\n")]
    [InlineData("hello\0MESSAGE\nmessage-id:x\n\nsubscription:1\nack:1\n")]
    [InlineData("hello\0CONNECTED\nsubscription:1\nack:1\nmessage-id:1\n\n")]
    public void IsSuspected_NoFrameWithSubscriptionAckAndMessageIdAfterANul_False(string body) =>
        Assert.False(SwallowedFrame.IsSuspected(Bytes(body)));

    [Fact]
    public void IsSuspected_TextMessage_False() =>
        Assert.False(SwallowedFrame.IsSuspected(Bytes("hello\0" + NextFrame, contentLength: false)));
}
