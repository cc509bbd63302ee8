namespace Stomp.Framing;

/// <summary>One decoded STOMP frame: command, headers in wire order (unescaped), body bytes.</summary>
/// <param name="DroppedHeaders">Headers left out for breaking the limits (see <see cref="StompLimits.DropOversizedHeaders"/>), as "name (n bytes)".</param>
internal sealed record StompFrame(string Command, StompHeaders Headers, ReadOnlyMemory<byte> Body, bool HasContentLength, IReadOnlyList<string>? DroppedHeaders = null);
