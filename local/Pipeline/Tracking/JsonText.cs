using System.Text.Json;

namespace LocalPipeline.Tracking;

/// <summary>String fields of the JSON the pipeline reads: SQS provenance attributes and the function's log records.</summary>
internal static class JsonText
{
    /// <summary>The string value of <paramref name="name"/>; null when absent, not a string, or not in an object.</summary>
    public static string? Of(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
