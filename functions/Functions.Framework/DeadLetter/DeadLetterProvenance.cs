using System.Text.Json.Serialization;

namespace Functions.Framework.DeadLetter;

/// <summary>
/// Where a dead-lettered message came from, its JMS headers and why it failed; sent as one flat JSON message
/// attribute (the headers are inherited, not nested) so that SQS's 10-attribute limit is never a concern. Send it
/// <see cref="Truncated"/>, which keeps every field a sane size.
/// </summary>
internal sealed record DeadLetterProvenance : MessageHeaders
{
    public const int MaxErrorMessageLength = 1024;
    public const int MaxFieldLength = 512;

    public DeadLetterProvenance()
    {
    }

    /// <summary>The provenance of the message <paramref name="context"/> describes, with its headers.</summary>
    public DeadLetterProvenance(MessageContext context)
        : base(context.Headers)
    {
        MessageId = context.MessageId;
        OriginalId = context.OriginalId;
        Queue = context.Queue;
        BrokerArn = context.BrokerArn;
        EventSource = context.EventSource;
        RequestId = context.Lambda.AwsRequestId;
    }

    public string? MessageId { get; init; }
    public string? OriginalId { get; init; }
    public string? Queue { get; init; }
    public string? BrokerArn { get; init; }
    public string? EventSource { get; init; }

    // Order 1 puts these after the inherited headers, as the attribute has always had them.
    [JsonPropertyOrder(1)]
    public required string ErrorType { get; init; }

    [JsonPropertyOrder(1)]
    public required string ErrorMessage { get; init; }

    [JsonPropertyOrder(1)]
    public string? Handler { get; init; }

    [JsonPropertyOrder(1)]
    public string? RequestId { get; init; }

    [JsonPropertyOrder(1)]
    public required DateTimeOffset Time { get; init; }

    /// <summary>Returns a copy with every text field cut to its limit (ids are kept whole up to 512 characters).</summary>
    public DeadLetterProvenance Truncated() => this with
    {
        MessageId = Cut(MessageId, MaxFieldLength),
        OriginalId = Cut(OriginalId, MaxFieldLength),
        Queue = Cut(Queue, MaxFieldLength),
        BrokerArn = Cut(BrokerArn, MaxFieldLength),
        EventSource = Cut(EventSource, MaxFieldLength),
        CorrelationId = Cut(CorrelationId, MaxFieldLength),
        MessageType = Cut(MessageType, MaxFieldLength),
        Type = Cut(Type, MaxFieldLength),
        ReplyTo = Cut(ReplyTo, MaxFieldLength),
        Expiration = Cut(Expiration, MaxFieldLength),
        Timestamp = Cut(Timestamp, MaxFieldLength),
        ErrorType = Cut(ErrorType, MaxFieldLength)!,
        ErrorMessage = Cut(ErrorMessage, MaxErrorMessageLength)!,
        Handler = Cut(Handler, MaxFieldLength),
        RequestId = Cut(RequestId, MaxFieldLength),
    };

    private static string? Cut(string? text, int max)
    {
        if (text is null || text.Length <= max)
        {
            return text;
        }

        // Never split a surrogate pair: half of one is a character SQS rejects.
        var length = char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1;
        return string.Concat(text.AsSpan(0, length), "…");
    }
}
