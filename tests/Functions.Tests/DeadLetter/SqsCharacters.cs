namespace Functions.Tests.DeadLetter;

/// <summary>The characters SQS accepts in a body or attribute value: what <see cref="FakeSqsClient"/> checks, as real SQS would.</summary>
internal static class SqsCharacters
{
    /// <summary>True when every character of <paramref name="text"/> is one SQS accepts.</summary>
    public static bool IsSqsSafe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\t' or '\n' or '\r' or (>= ' ' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD'))
            {
                continue;
            }

            // A surrogate pair encodes #x10000–#x10FFFF, which is allowed; a lone surrogate is not.
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            return false;
        }

        return true;
    }
}
