using System.Text.Json.Serialization;
using Contract.DeadLetters;
using Functions.Framework.DeadLetter;
using Functions.Framework.Metrics;
using Functions.Framework.Processing;

namespace Functions.Framework;

/// <summary>
/// Source-generated (AOT-safe) JSON for the framework's own payloads: the dead-letter attributes and pointer, the
/// invocation's summary and its metrics line. Writing uses camelCase and escapes everything outside ASCII, so the provenance and
/// properties attributes only hold characters SQS accepts.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeadLetterProvenance))]
[JsonSerializable(typeof(S3Pointer))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(BatchSummary))]
[JsonSerializable(typeof(BatchMetricsDocument))]
internal sealed partial class FunctionsJsonContext : JsonSerializerContext;
