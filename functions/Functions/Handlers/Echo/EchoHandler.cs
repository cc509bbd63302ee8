using System.Text;
using System.Text.Unicode;
using Functions.Framework;

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
        context.Lambda.Logger.EchoReceived(context.MessageId, context.OriginalId, message.Length, Preview(message.Span));
        return ValueTask.FromResult(HandlerResult.Processed);
    }

    /// <summary>The body as text when it is UTF-8 without control characters (but TAB, LF, CR), else its first bytes in base64.</summary>
    private static string Preview(ReadOnlySpan<byte> body)
    {
        var text = Utf8.IsValid(body) ? Encoding.UTF8.GetString(body) : null;
        if (text is null || text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
        {
            return $"(binary, base64 {Convert.ToBase64String(body[..Math.Min(body.Length, PreviewLength)])})";
        }

        if (text.Length <= PreviewLength)
        {
            return text;
        }

        // Never split a surrogate pair.
        return string.Concat(text.AsSpan(0, char.IsHighSurrogate(text[PreviewLength - 2]) ? PreviewLength - 2 : PreviewLength - 1), "…");
    }
}
