using System.Text.Json.Serialization;
using Functions.DeadLetter;
using Functions.Handlers.Orders;
using Functions.Processing;

namespace Functions;

/// <summary>
/// Source-generated (AOT-safe) JSON for this function's own payloads. Reading is case-insensitive and accepts
/// numbers sent as strings, because the legacy producer is not consistent; writing uses camelCase and escapes
/// everything outside ASCII, so the provenance and properties attributes only hold characters SQS accepts.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(DeadLetterProvenance))]
[JsonSerializable(typeof(S3Pointer))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(BatchSummary))]
internal sealed partial class FunctionsJsonContext : JsonSerializerContext;
