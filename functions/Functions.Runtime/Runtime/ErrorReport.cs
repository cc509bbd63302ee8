using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Functions.Runtime.Runtime;

/// <summary>The Runtime API error body <c>{errorMessage, errorType, stackTrace}</c> and the error-type rules.</summary>
internal static class ErrorReport
{
    /// <summary>Lambda's limit on an error body is larger, but a longer stack trace helps nobody.</summary>
    private const int MaxStackLines = 200;

    /// <summary>An exception message can quote a whole body; the error report does not need more than this.</summary>
    private const int MaxMessageChars = 32 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The <c>Lambda-Runtime-Function-Error-Type</c> for an exception. Lambda and the Runtime Interface Emulator
    /// replace anything not matching <c>(Runtime|Function)\.[A-Z][a-zA-Z]+</c> by <c>Runtime.Unknown</c>, so the
    /// class name is reduced to letters: <c>Function.InvalidOperationException</c>.
    /// </summary>
    public static string FunctionErrorType(Exception exception) =>
        exception is FunctionErrorException chosen ? chosen.ErrorType : "Function." + LettersOnly(exception.GetType().Name);

    /// <summary>Writes the error body; <paramref name="errorType"/> is what the caller sees in the payload.</summary>
    public static byte[] Serialize(string errorType, string errorMessage, IEnumerable<string> stackTrace)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("errorMessage", errorMessage.Length <= MaxMessageChars
                ? errorMessage
                : string.Concat(errorMessage.AsSpan(0, MaxMessageChars), "… (truncated)"));
            writer.WriteString("errorType", errorType);
            writer.WriteStartArray("stackTrace");
            foreach (var line in stackTrace)
            {
                writer.WriteStringValue(line);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The body for an exception: its short type name, message, and stack (with inner exceptions).</summary>
    public static byte[] Serialize(Exception exception) =>
        Serialize(exception is FunctionErrorException chosen ? chosen.ErrorType : exception.GetType().Name, exception.Message, StackLines(exception));

    /// <summary>The stack frames of an exception and, after a marker line, of each inner exception.</summary>
    public static IEnumerable<string> StackLines(Exception exception)
    {
        var count = 0;
        for (var current = exception; current is not null && count < MaxStackLines; current = current.InnerException)
        {
            if (!ReferenceEquals(current, exception))
            {
                count++;
                yield return $"--- inner {current.GetType().FullName}: {current.Message}";
            }

            foreach (var line in (current.StackTrace ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (count++ >= MaxStackLines)
                {
                    yield break;
                }

                yield return line;
            }
        }
    }

    private static string LettersOnly(string name)
    {
        var letters = new string(name.Where(char.IsAsciiLetter).ToArray());
        return letters.Length == 0 ? "Unknown" : char.ToUpperInvariant(letters[0]) + letters[1..];
    }
}
