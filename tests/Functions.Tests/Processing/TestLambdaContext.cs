using Microsoft.Extensions.Logging.Testing;

namespace Functions.Tests.Processing;

/// <summary>An invocation context with a settable deadline and a logger that keeps every line.</summary>
internal sealed class TestLambdaContext(TimeProvider timeProvider, DateTimeOffset deadline) : ILambdaContext
{
    public FakeLogger FakeLogger { get; } = new();

    public string AwsRequestId { get; init; } = "req-1";

    public string InvokedFunctionArn => "arn:aws:lambda:us-east-1:123456789012:function:test";

    public DateTimeOffset Deadline { get; } = deadline;

    public TimeSpan RemainingTime => Deadline - timeProvider.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    public string? TraceId => null;

    public string FunctionName => "test";

    public string FunctionVersion => "$LATEST";

    public int MemoryLimitInMB => 512;

    public string LogGroupName => "/aws/lambda/test";

    public string LogStreamName => "stream";

    public string? ClientContext => null;

    public string? CognitoIdentity => null;

    public ILogger Logger => FakeLogger;

    /// <summary>The formatted lines logged with <paramref name="eventId"/>.</summary>
    public IReadOnlyList<string> Lines(int eventId) =>
        [.. FakeLogger.Collector.GetSnapshot().Where(r => r.Id.Id == eventId).Select(r => r.Message)];
}
