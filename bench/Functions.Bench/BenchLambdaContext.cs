using Functions.Runtime.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Functions.Bench;

/// <summary>An invocation with a far deadline and a logger that writes nothing (log I/O is not what is measured).</summary>
internal sealed class BenchLambdaContext : ILambdaContext
{
    public string AwsRequestId => "bench";
    public string InvokedFunctionArn => "arn:aws:lambda:us-east-1:111122223333:function:bench";
    public DateTimeOffset Deadline { get; } = DateTimeOffset.UtcNow.AddHours(1);
    public TimeSpan RemainingTime => Deadline - DateTimeOffset.UtcNow;
    public string? TraceId => null;
    public string FunctionName => "bench";
    public string FunctionVersion => "$LATEST";
    public int MemoryLimitInMB => 1024;
    public string LogGroupName => "bench";
    public string LogStreamName => "bench";
    public string? ClientContext => null;
    public string? CognitoIdentity => null;
    public ILogger Logger => NullLogger.Instance;
}
