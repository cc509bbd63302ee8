using System.Text.Json;

namespace LocalPipeline.Tracking;

/// <summary>
/// One record of the function's log as the bootstrap writes it with <c>AWS_LAMBDA_LOG_FORMAT=JSON</c>
/// (functions/Functions.Runtime/Logging/LambdaLoggerProvider): what an operator queries in CloudWatch Logs, by its
/// event id and structured fields rather than by the message text.
/// </summary>
internal sealed record FunctionLogRecord(string Timestamp, string Level, string? RequestId, string Message, int EventId)
{
    /// <summary>functions/Functions/Log.cs <c>MessageProcessed</c>.</summary>
    public const int MessageProcessed = 2001;

    /// <summary>functions/Functions/Log.cs <c>MessageSkipped</c>: already processed by an earlier delivery.</summary>
    public const int MessageSkipped = 2002;

    /// <summary>The <c>MessageId</c> field: the message's id on the cloud broker.</summary>
    public string? MessageId { get; init; }

    /// <summary>The <c>OriginalId</c> field: the on-prem JMSMessageID (the forwarder's <c>fwd_origin_id</c>).</summary>
    public string? OriginalId { get; init; }

    /// <summary><c>errorType: errorMessage</c> and the stack trace, one frame a line; null without an exception.</summary>
    public string? Error { get; init; }

    /// <summary>The handler is done with the message: processed now or by an earlier delivery.</summary>
    public bool IsHandled => EventId is MessageProcessed or MessageSkipped;

    /// <summary>The record on <paramref name="line"/>; null for anything else the process wrote (a crash on stderr).</summary>
    public static FunctionLogRecord? TryParse(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            return root.ValueKind != JsonValueKind.Object ? null : new FunctionLogRecord(
                JsonText.Of(root, "timestamp") ?? "",
                JsonText.Of(root, "level") ?? "",
                JsonText.Of(root, "requestId"),
                JsonText.Of(root, "message") ?? "",
                root.TryGetProperty("eventId", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var eventId) ? eventId : 0)
            {
                MessageId = JsonText.Of(root, "MessageId"),
                OriginalId = JsonText.Of(root, "OriginalId"),
                Error = ErrorText(root),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The record as the bootstrap's text format writes it (timestamp, request id, level, message), for people.</summary>
    public string ToText() =>
        $"{Timestamp}\t{RequestId}\t{Level}\t{Message}" + (Error is null ? "" : "\n" + Error);

    private static string? ErrorText(JsonElement root)
    {
        if (JsonText.Of(root, "errorType") is not { } type)
        {
            return null;
        }

        var frames = root.TryGetProperty("stackTrace", out var trace) && trace.ValueKind == JsonValueKind.Array
            ? trace.EnumerateArray().Select(f => "\n" + f.GetString())
            : [];
        return $"{type}: {JsonText.Of(root, "errorMessage")}" + string.Concat(frames);
    }
}
