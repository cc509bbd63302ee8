using Microsoft.Extensions.Logging;

namespace Functions.Runtime.Runtime;

/// <summary>What Lambda tells one invocation about itself and the function (Runtime API headers and environment).</summary>
public interface ILambdaContext
{
    /// <summary>The request id (<c>Lambda-Runtime-Aws-Request-Id</c>).</summary>
    string AwsRequestId { get; }

    /// <summary>The ARN the caller invoked, possibly with a version or alias.</summary>
    string InvokedFunctionArn { get; }

    /// <summary>When Lambda stops the invocation (<c>Lambda-Runtime-Deadline-Ms</c>); <see cref="DateTimeOffset.MaxValue"/> when none was sent.</summary>
    DateTimeOffset Deadline { get; }

    /// <summary>Time left until <see cref="Deadline"/>, never negative.</summary>
    TimeSpan RemainingTime { get; }

    /// <summary>The X-Ray trace header (<c>Lambda-Runtime-Trace-Id</c>), also set as <c>_X_AMZN_TRACE_ID</c>.</summary>
    string? TraceId { get; }

    string FunctionName { get; }

    string FunctionVersion { get; }

    int MemoryLimitInMB { get; }

    string LogGroupName { get; }

    string LogStreamName { get; }

    /// <summary>The raw <c>Lambda-Runtime-Client-Context</c> JSON (mobile SDK callers only).</summary>
    string? ClientContext { get; }

    /// <summary>The raw <c>Lambda-Runtime-Cognito-Identity</c> JSON (mobile SDK callers only).</summary>
    string? CognitoIdentity { get; }

    /// <summary>A logger whose lines carry this invocation's request id.</summary>
    ILogger Logger { get; }
}
