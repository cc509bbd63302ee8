using System.Text.Json.Serialization;

namespace Contract.Events;

/// <summary>
/// Source-generated (AOT-safe) JSON for the Amazon MQ events. Names are matched case-insensitively, so
/// <c>messageID</c>/<c>messageId</c>, <c>correlationID</c>/<c>correlationId</c> and
/// <c>physicalName</c>/<c>physicalname</c> all bind; null is refused where the model does not allow it (a
/// <c>"messages": null</c> event is malformed, not an empty batch). Writing uses the names Lambda sends and leaves
/// nulls out; <see cref="LambdaEventWriter"/> writes an event with every field, as Lambda does.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ActiveMqEvent))]
[JsonSerializable(typeof(RabbitMqEvent))]
public sealed partial class MqEventSerializerContext : JsonSerializerContext;
