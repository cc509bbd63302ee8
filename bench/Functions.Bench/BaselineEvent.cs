using System.Text.Json.Serialization;

namespace Functions.Bench;

/// <summary>
/// The baseline the batch is measured against (issue 11): the same event bytes deserialized by System.Text.Json with
/// source generation into the least a consumer needs, each message's id and its body (still base64).
/// </summary>
internal sealed record BaselineEvent(List<BaselineMessage> Messages);

/// <summary>One message of <see cref="BaselineEvent"/>.</summary>
internal sealed record BaselineMessage([property: JsonPropertyName("messageID")] string MessageId, string Data);

/// <summary>The benchmark's one serializer context: exact property names, as Lambda writes them.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BaselineEvent))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;
