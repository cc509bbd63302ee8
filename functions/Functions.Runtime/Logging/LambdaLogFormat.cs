namespace Functions.Runtime.Logging;

/// <summary>How log lines are written to stdout (<c>AWS_LAMBDA_LOG_FORMAT</c>).</summary>
public enum LambdaLogFormat
{
    /// <summary><c>&lt;timestamp&gt;\t&lt;requestId&gt;\t&lt;LEVEL&gt;\t&lt;message&gt;</c>, the default.</summary>
    Text,

    /// <summary>One JSON object per line, which Lambda can filter by level.</summary>
    Json,
}
