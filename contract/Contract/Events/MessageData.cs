using System.Text;

namespace Contract.Events;

/// <summary>
/// The <c>data</c> field of a message: its body, which Lambda sends base64-encoded. The body is decoded once, while
/// the event is read, so a 6 MB batch does not also sit in memory as 12 MB of UTF-16 base64 text. Text that is not
/// base64 is kept verbatim (see <see cref="RawText"/>) so that a dead-letter copy can still carry it unchanged.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class MessageData
{
    private readonly byte[]? _bytes;

    private MessageData(byte[]? bytes, string? rawText, string? error)
    {
        _bytes = bytes;
        RawText = rawText;
        Error = error;
    }

    /// <summary>The value for a message without <c>data</c> (missing or JSON null).</summary>
    public static MessageData Missing { get; } = new(null, null, "'data' is missing or null");

    /// <summary>True when the body was present and valid base64.</summary>
    public bool IsValid => _bytes is not null;

    /// <summary>Why the body is unusable; null when <see cref="IsValid"/>.</summary>
    public string? Error { get; }

    /// <summary>The original <c>data</c> text when it was not valid base64; otherwise null.</summary>
    public string? RawText { get; }

    /// <summary>The decoded body; empty when not <see cref="IsValid"/>. Do not modify the underlying array.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>
    /// Wraps already-decoded body bytes (a copy), for building an event: the local event source builds each message
    /// this way and writes the event with <see cref="LambdaEventWriter"/>.
    /// </summary>
    public static MessageData FromBytes(ReadOnlySpan<byte> body) => new(body.ToArray(), null, null);

    /// <summary>Wraps a text body as UTF-8, for building an event (the functions benchmark builds its event this way).</summary>
    public static MessageData FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new MessageData(Encoding.UTF8.GetBytes(text), null, null);
    }

    /// <summary>Decodes base64 text as Lambda sends it; invalid text is kept with the reason instead of throwing.</summary>
    public static MessageData FromBase64(string? base64)
    {
        if (base64 is null)
        {
            return Missing;
        }

        // Convert also accepts whitespace inside the text, which a strict decoder would reject for no good reason.
        var buffer = new byte[base64.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(base64, buffer, out var written)
            ? new MessageData(written == buffer.Length ? buffer : buffer.AsSpan(0, written).ToArray(), null, null)
            : Invalid(base64);
    }

    internal static MessageData FromDecoded(byte[] bytes) => new(bytes, null, null);

    internal static MessageData Invalid(string rawText) =>
        new(null, rawText, $"'data' is not valid base64 ({rawText.Length} characters{DescribeFirstInvalid(rawText)})");

    internal static MessageData Invalid(string rawText, string reason) => new(null, rawText, reason);

    /// <summary>The body as base64 (what Lambda sent), or the original text when it was not base64.</summary>
    public override string ToString() => _bytes is not null ? Convert.ToBase64String(_bytes) : RawText ?? string.Empty;

    internal byte[] GetBytesOrThrow(string? messageId) =>
        _bytes ?? throw new MessageBodyException(messageId, Error ?? "'data' is unusable");

    private static string DescribeFirstInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var valid = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/' or '='
                || char.IsWhiteSpace(c);
            if (!valid)
            {
                return $", first invalid character U+{(int)c:X4} at index {i}";
            }
        }

        return ", bad length or padding";
    }
}
