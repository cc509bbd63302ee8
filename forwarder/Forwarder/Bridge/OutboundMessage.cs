namespace Forwarder.Bridge;

/// <summary>A message to SEND: to the target queue, or to a parking queue on the source.</summary>
/// <param name="Queue">Physical queue name (no <c>/queue/</c> prefix).</param>
/// <param name="Headers">Headers and application properties, in order; no <c>destination</c> or <c>content-length</c>.</param>
/// <param name="Body">Body bytes, verbatim.</param>
/// <param name="WithContentLength">Send <c>content-length</c>, which makes ActiveMQ create a BytesMessage.</param>
internal sealed record OutboundMessage(
    string Queue,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Body,
    bool WithContentLength)
{
    /// <summary>Body plus each header line (<c>name:value</c> and its newline) in UTF-8: what the frame carries, escapes aside.</summary>
    public long SizeInBytes() =>
        Body.Length + Headers.Sum(h => (long)System.Text.Encoding.UTF8.GetByteCount(h.Key) + System.Text.Encoding.UTF8.GetByteCount(h.Value) + 2);
}
