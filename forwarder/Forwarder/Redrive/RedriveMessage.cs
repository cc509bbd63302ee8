namespace Forwarder.Redrive;

/// <summary>A dead letter made ready to send back: where to, and the SEND's headers and body.</summary>
/// <param name="WithContentLength">Send <c>content-length</c>: ActiveMQ then makes a BytesMessage; without it a TextMessage.</param>
internal sealed record RedriveMessage(
    RedriveCandidate Candidate,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Body,
    bool WithContentLength)
{
    public string Destination => "/queue/" + Candidate.Queue;
}
