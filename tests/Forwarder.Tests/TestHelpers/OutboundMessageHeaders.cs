namespace Forwarder.Tests.TestHelpers;

/// <summary>Header lookups on what the worker sent, with the STOMP client's rule (first value of a name counts).</summary>
internal static class OutboundMessageHeaders
{
    public static string? Header(this OutboundMessage message, string name) => new StompHeaders(message.Headers).GetValueOrDefault(name);
}
