using System.Text.Json;
using System.Text.RegularExpressions;

namespace LocalRuntime;

/// <summary>How the Runtime Interface Emulator reads an error a runtime posts.</summary>
internal static partial class ErrorReports
{
    /// <summary>
    /// RIE's <c>GetValidRuntimeOrFunctionErrorType</c>: a type containing <c>(Runtime|Function)\.[A-Z][a-zA-Z]+</c>
    /// (unanchored, as RIE matches it) is kept; otherwise <c>Function.Unknown</c> for a <c>Function.</c> prefix,
    /// else <c>Runtime.Unknown</c>.
    /// </summary>
    public static string NormalizeErrorType(string? errorType) =>
        errorType is not null && ValidErrorType().IsMatch(errorType) ? errorType
        : errorType?.StartsWith("Function.", StringComparison.Ordinal) == true ? "Function.Unknown"
        : "Runtime.Unknown";

    public static InvocationError Parse(string? reportedErrorType, string? contentType, byte[] body)
    {
        string? bodyType = null;
        string? message = null;
        var stack = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                bodyType = StringOf(document.RootElement, "errorType");
                message = StringOf(document.RootElement, "errorMessage");
                if (document.RootElement.TryGetProperty("stackTrace", out var frames) && frames.ValueKind == JsonValueKind.Array)
                {
                    stack.AddRange(frames.EnumerateArray().Select(frame => frame.ValueKind == JsonValueKind.String ? frame.GetString()! : frame.GetRawText()));
                }
            }
        }
        catch (JsonException)
        {
            // RIE passes a body that is not the standard JSON through unchanged; so do we (see Body).
        }

        return new InvocationError
        {
            ErrorType = NormalizeErrorType(reportedErrorType),
            ReportedErrorType = reportedErrorType,
            BodyErrorType = bodyType,
            ErrorMessage = message,
            StackTrace = stack,
            ContentType = contentType,
            Body = body,
        };
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("(Runtime|Function)\\.[A-Z][a-zA-Z]+", RegexOptions.CultureInvariant)]
    private static partial Regex ValidErrorType();
}
