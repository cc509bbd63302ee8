namespace Functions.Tests.RuntimeHost;

/// <summary>LambdaHost reporting handler failures to the Runtime API.</summary>
public sealed class LambdaHostErrorTests
{
    [Fact]
    public async Task RunAsync_HandlerThrows_PostsErrorWithTypeMessageAndStackAndKeepsServing()
    {
        var calls = 0;
        var handler = new DelegateInvocationHandler((_, _, _) => ++calls == 1
            ? ThrowingHandlerMethod()
            : Task.FromResult<ReadOnlyMemory<byte>>("ok"u8.ToArray()));
        await using var host = await HostHarness.StartAsync(handler);

        var failed = await host.InvokeAsync("{}");
        var next = await host.InvokeAsync("{}");

        Assert.Equal(InvocationStatus.Error, failed.Status);
        var error = failed.Error!;
        Assert.Equal("Function.InvalidOperationException", error.ErrorType);
        Assert.Equal("Function.InvalidOperationException", error.ReportedErrorType);
        Assert.Equal("InvalidOperationException", error.BodyErrorType);
        Assert.Equal("broker said no", error.ErrorMessage);
        Assert.Equal("application/vnd.aws.lambda.error+json", error.ContentType);
        Assert.Contains(error.StackTrace, line => line.Contains(nameof(ThrowingHandlerMethod), StringComparison.Ordinal));
        Assert.Contains(error.StackTrace, line => line.Contains("--- inner System.TimeoutException: inner cause", StringComparison.Ordinal));
        Assert.True(next.Succeeded);
        Assert.Contains(host.Log.Lines, line => line.Contains("Invocation failed with Function.InvalidOperationException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_HugeExceptionMessage_IsTruncatedInReport()
    {
        await using var host = await HostHarness.StartAsync(HostHandlers.Throws(new InvalidOperationException(new string('x', 1_000_000))));

        var result = await host.InvokeAsync("{}");

        Assert.InRange(result.Error!.ErrorMessage!.Length, 32 * 1024, 33 * 1024);
        Assert.EndsWith("… (truncated)", result.Error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FunctionErrorException_KeepsChosenType()
    {
        await using var host = await HostHarness.StartAsync(HostHandlers.Throws(new FunctionErrorException("Function.BatchRetry", "2 messages need a retry")));

        var result = await host.InvokeAsync("{}");

        Assert.Equal("Function.BatchRetry", result.Error!.ErrorType);
        Assert.Equal("Function.BatchRetry", result.Error.BodyErrorType);
        Assert.Equal("2 messages need a retry", result.Error.ErrorMessage);
    }

    [Fact]
    public async Task RunAsync_ExceptionNameWithDigits_TypeStillSurvivesNormalisation()
    {
        await using var host = await HostHarness.StartAsync(HostHandlers.Throws(new Utf8ProblemException()));

        var result = await host.InvokeAsync("{}");

        Assert.Equal("Function.UtfProblemException", result.Error!.ErrorType);
        Assert.Equal(nameof(Utf8ProblemException), result.Error.BodyErrorType);
    }

    [Fact]
    public void FunctionErrorException_TypeLambdaWouldRewrite_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new FunctionErrorException("BatchRetry", "x"));
        Assert.Throws<ArgumentException>(() => new FunctionErrorException("Function.batch_retry", "x"));
    }

    private static Task<ReadOnlyMemory<byte>> ThrowingHandlerMethod() =>
        throw new InvalidOperationException("broker said no", new TimeoutException("inner cause"));

    private sealed class Utf8ProblemException : Exception
    {
        public Utf8ProblemException()
            : base("utf8 problem")
        {
        }
    }
}
