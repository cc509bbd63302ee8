using System.Text;
using Functions.DeadLetter;

namespace Functions.Handlers.Echo;

/// <summary>
/// Accepts any body, text or bytes, and logs what it got: handy to check a pipeline end to end. Only a missing or
/// non-base64 <c>data</c> makes a message poison here (the framework does that before the handler runs).
/// </summary>
internal sealed class EchoHandler : IMessageHandler<ReadOnlyMemory<byte>>
{
    private const int PreviewLength = 200;

    public ValueTask<HandlerResult> HandleAsync(ReadOnlyMemory<byte> message, MessageContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var preview = SqsLimits.IsSqsSafeUtf8(message.Span)
            ? DeadLetterProvenance.Cut(Encoding.UTF8.GetString(message.Span), PreviewLength)!
            : $"(binary, base64 {Convert.ToBase64String(message.Span[..Math.Min(message.Length, PreviewLength)])})";
        context.Lambda.Logger.EchoReceived(context.MessageId, context.OriginalId, message.Length, preview);
        return ValueTask.FromResult(HandlerResult.Processed);
    }
}
