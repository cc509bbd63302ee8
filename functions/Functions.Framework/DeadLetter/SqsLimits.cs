using System.Buffers;
using System.Text.Unicode;

namespace Functions.Framework.DeadLetter;

/// <summary>
/// The SQS limits a dead-letter send must respect. moto does not enforce them, so the sink checks them itself.
/// </summary>
internal static class SqsLimits
{
    /// <summary>Entries in one <c>SendMessageBatch</c> request.</summary>
    public const int MaxEntriesPerBatch = 10;

    /// <summary>
    /// Every queue's default <c>MaximumMessageSize</c>: 256 KiB for one message (body plus attributes) and for the
    /// sum of a batch request. Queues may allow more since 2025, but the default is what a new queue has.
    /// </summary>
    public const int DefaultMaxMessageBytes = 262_144;

    // Control bytes SQS rejects: every byte below 0x20 except TAB, LF and CR. In valid UTF-8 they only stand for
    // themselves, so a byte search is exact.
    private static readonly SearchValues<byte> IllegalControlBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    /// <summary>
    /// True when <paramref name="utf8"/> is valid UTF-8 made only of characters SQS accepts:
    /// #x9 #xA #xD #x20–#xD7FF #xE000–#xFFFD #x10000–#x10FFFF.
    /// </summary>
    public static bool IsSqsSafeUtf8(ReadOnlySpan<byte> utf8)
    {
        // Valid UTF-8 already excludes surrogates (#xD800–#xDFFF); what remains is control bytes and U+FFFE/U+FFFF.
        if (!Utf8.IsValid(utf8) || utf8.IndexOfAny(IllegalControlBytes) >= 0)
        {
            return false;
        }

        // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
        ReadOnlySpan<byte> lead = [0xEF, 0xBF];
        var rest = utf8;
        int at;
        while ((at = rest.IndexOf(lead)) >= 0)
        {
            if (at + 2 < rest.Length && rest[at + 2] is 0xBE or 0xBF)
            {
                return false;
            }

            rest = rest[(at + 2)..];
        }

        return true;
    }
}
