using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Contract.Events;

/// <summary>
/// Writes an <see cref="ActiveMqEvent"/> as Lambda's event source mapping sends it, for whatever stands in for
/// Lambda (the local event source, the functions benchmark): through <see cref="MqEventSerializerContext"/>, with the
/// names Lambda uses, every field of a message written even when null (Lambda leaves none out), except the
/// older samples' <c>connectionId</c> and <c>persistent</c>, and non-ASCII text unescaped as Lambda writes it
/// (only quotes, backslashes, control characters and characters outside the Basic Multilingual Plane are escaped).
/// </summary>
/// <remarks>Thread-safe.</remarks>
public static class LambdaEventWriter
{
    // Its own context instance: the default one leaves nulls out, which reads the same but is not what Lambda sends.
    private static readonly MqEventSerializerContext Context = new(new JsonSerializerOptions(MqEventSerializerContext.Default.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The UTF-8 JSON of <paramref name="mqEvent"/>.</summary>
    public static byte[] Write(ActiveMqEvent mqEvent) => JsonSerializer.SerializeToUtf8Bytes(mqEvent, Context.ActiveMqEvent);
}
