using System.Text.Json.Serialization;

namespace Functions.Framework.Metrics;

/// <summary>
/// One batch's outcome counts as an EMF document: the metrics and dimensions are top-level members, named as
/// <see cref="BatchMetrics.Directive"/> declares them. <c>level</c> and <c>timestamp</c> are what Lambda's log-level
/// filter reads; CloudWatch keeps them as plain log fields.
/// </summary>
internal sealed record BatchMetricsDocument(
    [property: JsonPropertyName("_aws")] EmfMetadata Aws,
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName(BatchMetrics.FunctionNameDimension)] string FunctionName,
    [property: JsonPropertyName(BatchMetrics.QueueDimension)] string Queue,
    [property: JsonPropertyName("Processed")] int Processed,
    [property: JsonPropertyName("Skipped")] int Skipped,
    [property: JsonPropertyName("DeadLettered")] int DeadLettered,
    [property: JsonPropertyName("Retried")] int Retried,
    [property: JsonPropertyName("FailedBatches")] int FailedBatches);
