using System.Text;

namespace LocalEventSource.Events;

/// <summary>
/// One message as the event source received it from the broker over STOMP, independent of the STOMP client's types
/// so the event can be built and tested without a connection.
/// </summary>
/// <param name="MessageId">The broker's <c>message-id</c>: the key for acks and the delivery count.</param>
/// <param name="Destination">STOMP destination, e.g. <c>/queue/orders</c>.</param>
/// <param name="Headers">Every header of the MESSAGE frame, unescaped.</param>
/// <param name="Body">Body bytes; text bodies still in modified UTF-8.</param>
/// <param name="HasContentLength">ActiveMQ sends <c>content-length</c> only for a BytesMessage (forwarder/README.md, "Fidelity").</param>
/// <param name="Redelivered">The frame had <c>redelivered:true</c>.</param>
/// <param name="ReceivedAt">When the frame arrived, epoch ms.</param>
internal sealed record ReceivedMessage(
    string MessageId,
    string Destination,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body,
    bool HasContentLength,
    bool Redelivered,
    long ReceivedAt)
{
    public bool IsBytesMessage => HasContentLength;

    /// <summary>
    /// Rough size of this message inside the event JSON (base64 body plus headers), for the 6 MB limit. Computed once:
    /// the batcher and the oversize check both read it for every message.
    /// </summary>
    public long EstimatedEventBytes { get; } = Estimate(Headers, Body);

    private static long Estimate(IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte> body)
    {
        // The fixed JSON of one message (field names, numbers, commas) stays under 400 bytes.
        long size = ((body.Length + 2) / 3 * 4) + 400;
        foreach (var (key, value) in headers)
        {
            // Written unescaped (relaxed encoder); quotes, colon, comma and the odd escaped control character.
            size += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value) + 8;
        }

        return size;
    }
}
