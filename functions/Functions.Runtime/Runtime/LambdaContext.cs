using Microsoft.Extensions.Logging;

namespace Functions.Runtime.Runtime;

/// <summary>The context of one invocation.</summary>
internal sealed class LambdaContext(NextInvocation invocation, LambdaHostEnvironment environment, ILogger logger) : ILambdaContext
{
    public string AwsRequestId => invocation.RequestId;

    public string InvokedFunctionArn => invocation.InvokedFunctionArn ?? string.Empty;

    public DateTimeOffset Deadline { get; } = invocation.DeadlineMs is { } ms
        ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
        : DateTimeOffset.MaxValue;

    public TimeSpan RemainingTime => Deadline == DateTimeOffset.MaxValue
        ? TimeSpan.MaxValue
        : TimeSpan.FromTicks(Math.Max(0, (Deadline - environment.TimeProvider.GetUtcNow()).Ticks));

    public string? TraceId => invocation.TraceId;

    public string FunctionName => environment.FunctionName;

    public string FunctionVersion => environment.FunctionVersion;

    public int MemoryLimitInMB => environment.MemoryLimitInMB;

    public string LogGroupName => environment.LogGroupName;

    public string LogStreamName => environment.LogStreamName;

    public string? ClientContext => invocation.ClientContext;

    public string? CognitoIdentity => invocation.CognitoIdentity;

    public ILogger Logger => logger;
}
