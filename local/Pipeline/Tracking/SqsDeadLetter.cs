namespace LocalPipeline.Tracking;

/// <summary>One message of the SQS dead-letter queue, as the function wrote it (body + <c>provenance</c> attribute).</summary>
internal sealed class SqsDeadLetter
{
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The <c>provenance</c> attribute: JSON with messageId, originalId, correlationId, errorType, errorMessage…</summary>
    public string? Provenance { get; init; }

    public string? MessageId { get; init; }

    public string? OriginalId { get; init; }

    public string? CorrelationId { get; init; }

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>The producer's sample id, once the tracker matched it.</summary>
    public string? SampleId { get; set; }
}
