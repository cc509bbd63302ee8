using Functions.Runtime.Logging;
using Microsoft.Extensions.Logging;

namespace Functions.Runtime.Runtime;

/// <summary>
/// What the init delegate gets: the function's settings from Lambda's reserved environment variables, a logger
/// factory writing Lambda-style lines, and the environment itself for the function's own settings.
/// </summary>
public sealed record LambdaHostEnvironment
{
    /// <summary><c>AWS_LAMBDA_RUNTIME_API</c>, <c>host:port</c> of the Runtime API.</summary>
    public required string RuntimeApi { get; init; }

    /// <summary><c>_HANDLER</c>: which handler to run (SAM's <c>Handler:</c>, usually <c>bootstrap</c>); empty when unset.</summary>
    public required string HandlerName { get; init; }

    /// <summary><c>AWS_LAMBDA_FUNCTION_NAME</c>.</summary>
    public required string FunctionName { get; init; }

    /// <summary><c>AWS_LAMBDA_FUNCTION_VERSION</c>, default <c>$LATEST</c>.</summary>
    public required string FunctionVersion { get; init; }

    /// <summary><c>AWS_LAMBDA_FUNCTION_MEMORY_SIZE</c> in MB; 0 when unset.</summary>
    public required int MemoryLimitInMB { get; init; }

    public required string LogGroupName { get; init; }

    public required string LogStreamName { get; init; }

    public required LambdaLogFormat LogFormat { get; init; }

    public required LogLevel LogLevel { get; init; }

    /// <summary>Creates loggers that write Lambda-style lines to stdout.</summary>
    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>Writes whole lines to the log past the level filter (metrics that must never be dropped).</summary>
    public required ILogLineWriter LogLines { get; init; }

    public required TimeProvider TimeProvider { get; init; }

    /// <summary>The environment, for the function's own settings (e.g. <c>DEAD_LETTER_QUEUE_URL</c>).</summary>
    public required IEnvironmentVariables Variables { get; init; }

    /// <summary>A variable's value, or null when unset or empty.</summary>
    public string? GetVariable(string name) => Variables.GetVariable(name) is { Length: > 0 } value ? value : null;
}
