using System.Text.Json.Serialization;

namespace Contract.Events;

/// <summary>
/// Source-generated (AOT-safe) JSON for the Amazon MQ events. Names are matched case-insensitively, so
/// <c>messageID</c>/<c>messageId</c>, <c>correlationID</c>/<c>correlationId</c> and
/// <c>physicalName</c>/<c>physicalname</c> all bind; null is refused where the model does not allow it (a
/// <c>"messages": null</c> event is malformed, not an empty batch). Writing uses the names Lambda sends and leaves
/// nulls out; <see cref="LambdaEventWriter"/> writes an event with every field, as Lambda does.
/// </summary>
/// <remarks>
/// The event types have settable properties, as Amazon.Lambda.MQEvents' have: the source generator reads init-only
/// properties through its constructor path, which caches and boxes every value; reading a 10,000-message event took
/// 1.9× the baseline of scripts/bench-functions.sh that way, 1.3× with setters.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ActiveMqEvent))]
[JsonSerializable(typeof(RabbitMqEvent))]
public sealed partial class MqEventSerializerContext : JsonSerializerContext;
