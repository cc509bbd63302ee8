namespace Forwarder.Configuration;

/// <summary>Reads a password from its setting or its file. The value is never logged.</summary>
internal static class SecretReader
{
    /// <summary>The file's content without one trailing newline (LF or CRLF), else the inline value, else null.</summary>
    /// <exception cref="IOException">
    /// The file is missing, unreadable or empty, as it can be for a moment while it is rotated: the connect that
    /// reads it fails and is retried with the reconnect backoff, which then picks up the new password.
    /// </exception>
    public static string? Read(string? inline, string? file)
    {
        if (!string.IsNullOrEmpty(file))
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new IOException(Problem(file, ex.Message), ex);
            }

            if (text.EndsWith("\r\n", StringComparison.Ordinal))
            {
                text = text[..^2];
            }
            else if (text.EndsWith('\n'))
            {
                text = text[..^1];
            }

            return text.Length > 0 ? text : throw new IOException(Problem(file, "it is empty"));
        }

        return string.IsNullOrEmpty(inline) ? null : inline;
    }

    private static string Problem(string file, string reason) => $"password file '{file}' cannot be used (being rotated?): {reason}";
}
