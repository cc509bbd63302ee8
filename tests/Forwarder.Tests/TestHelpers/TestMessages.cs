namespace Forwarder.Tests.TestHelpers;

/// <summary>Source messages as the STOMP source would hand them over, and what they map to.</summary>
internal static class TestMessages
{
    public static InboundMessage Inbound(string id, string queue = "Orders.A", string body = "m", params (string Key, string Value)[] headers)
    {
        var all = new List<KeyValuePair<string, string>> { new("message-id", id), new("destination", "/queue/" + queue) };
        all.AddRange(headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value)));
        return new InboundMessage(queue, id, new StompHeaders(all), Encoding.UTF8.GetBytes(body), false, false);
    }

    /// <summary>A stand-in for what the mapper makes of <paramref name="message"/>: same queue and body.</summary>
    public static OutboundMessage Outbound(InboundMessage message) => new(message.Queue, [], message.Body, false);
}
