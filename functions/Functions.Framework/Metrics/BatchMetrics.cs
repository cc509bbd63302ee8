using System.Globalization;
using System.Text.Json;
using Functions.Framework.Processing;
using Functions.Runtime.Logging;
using Microsoft.Extensions.Logging;

namespace Functions.Framework.Metrics;

/// <summary>
/// Publishes each batch's outcome counts as CloudWatch metrics without an SDK call: one Embedded Metric Format line
/// per invocation on stdout, which CloudWatch Logs turns into metrics in <see cref="Namespace"/>.
/// </summary>
/// <remarks>
/// Lambda's log-level filter (JSON log format) reads a line's <c>level</c>, and takes a line without one, or without
/// an RFC 3339 <c>timestamp</c>, as INFO — which <c>ApplicationLogLevel</c> WARN and above would drop. So the line
/// carries the function's own <c>AWS_LAMBDA_LOG_LEVEL</c> as its level, the one level every setting keeps, and is
/// written past this runtime's own filter.
/// </remarks>
internal sealed class BatchMetrics(ILogLineWriter output, LogLevel logLevel, string functionName, TimeProvider timeProvider)
{
    public const string Namespace = "MqBridge";
    public const string FunctionNameDimension = "FunctionName";
    public const string QueueDimension = "Queue";

    /// <summary>Dimension value for a batch without messages, so the metric keeps its dimensions.</summary>
    public const string NoQueue = "none";

    public static readonly EmfDirective Directive = new(
        Namespace,
        [[FunctionNameDimension, QueueDimension]],
        [
            new("Processed", "Count"), new("Skipped", "Count"), new("DeadLettered", "Count"),
            new("Retried", "Count"), new("FailedBatches", "Count"),
        ]);

    private readonly string _level = LambdaLogLevels.Name(logLevel);

    /// <summary>Writes the EMF line for one batch; <paramref name="summary"/>'s retries make it a failed batch.</summary>
    public void Publish(MqBatch batch, BatchSummary summary, string requestId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(summary);
        var now = timeProvider.GetUtcNow();
        // An event source mapping reads one queue, so the first message names the batch's queue.
        var queue = batch.Messages.Count > 0 && batch.Messages[0].Context.Queue is { Length: > 0 } name ? name : NoQueue;
        var document = new BatchMetricsDocument(
            new EmfMetadata(now.ToUnixTimeMilliseconds(), [Directive]),
            _level,
            now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            requestId,
            functionName,
            queue,
            summary.Processed,
            summary.Skipped,
            summary.DeadLettered,
            summary.Retry,
            summary.Retry > 0 ? 1 : 0);
        output.WriteLine(JsonSerializer.SerializeToUtf8Bytes(document, FunctionsJsonContext.Default.BatchMetricsDocument));
    }
}
