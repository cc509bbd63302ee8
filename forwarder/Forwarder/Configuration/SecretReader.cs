namespace Forwarder.Configuration;

/// <summary>Reads a password from its setting or its file. The value is never logged.</summary>
internal static class SecretReader
{
    /// <summary>The file's content without one trailing newline (LF or CRLF), else the inline value, else null.</summary>
    public static string? Read(string? inline, string? file)
    {
        if (!string.IsNullOrEmpty(file))
        {
            var text = File.ReadAllText(file);
            if (text.EndsWith("\r\n", StringComparison.Ordinal))
            {
                return text[..^2];
            }

            return text.EndsWith('\n') ? text[..^1] : text;
        }

        return string.IsNullOrEmpty(inline) ? null : inline;
    }
}
