namespace Stomp.Framing;

/// <summary>One decoded STOMP frame: command, headers in wire order (unescaped), body bytes.</summary>
internal sealed record StompFrame(string Command, StompHeaders Headers, ReadOnlyMemory<byte> Body, bool HasContentLength);
