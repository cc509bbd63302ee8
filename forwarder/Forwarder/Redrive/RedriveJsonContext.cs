using System.Text.Json.Serialization;
using Contract.DeadLetters;

namespace Forwarder.Redrive;

/// <summary>The dead letters' JSON as the functions write it (camelCase).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(S3Pointer))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class RedriveJsonContext : JsonSerializerContext;
