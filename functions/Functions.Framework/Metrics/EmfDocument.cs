using System.Text.Json.Serialization;

namespace Functions.Framework.Metrics;

// CloudWatch Embedded Metric Format: the names are AWS's, so each is spelled out (the context's policy is camelCase).
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html

/// <summary>The <c>_aws</c> member of an EMF document: when, and which top-level members are metrics.</summary>
internal sealed record EmfMetadata(
    [property: JsonPropertyName("Timestamp")] long Timestamp,
    [property: JsonPropertyName("CloudWatchMetrics")] IReadOnlyList<EmfDirective> CloudWatchMetrics);

/// <summary>One metric directive: the namespace, the dimension sets and the metrics.</summary>
internal sealed record EmfDirective(
    [property: JsonPropertyName("Namespace")] string Namespace,
    [property: JsonPropertyName("Dimensions")] IReadOnlyList<IReadOnlyList<string>> Dimensions,
    [property: JsonPropertyName("Metrics")] IReadOnlyList<EmfMetric> Metrics);

/// <summary>A metric's name (a top-level member of the document) and unit.</summary>
internal sealed record EmfMetric(
    [property: JsonPropertyName("Name")] string Name,
    [property: JsonPropertyName("Unit")] string Unit);
