using System.Text;
using Functions.Runtime.Runtime;
using LocalRuntime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Functions.Tests.RuntimeHost;

public sealed class LambdaHostTests
{
    private static readonly IReadOnlyDictionary<string, string> FunctionVariables = new Dictionary<string, string>
    {
        ["_HANDLER"] = "orders",
        ["AWS_LAMBDA_FUNCTION_NAME"] = "orders-fn",
        ["AWS_LAMBDA_FUNCTION_VERSION"] = "7",
        ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
        ["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/orders-fn",
        ["AWS_LAMBDA_LOG_STREAM_NAME"] = "2026/11/25/[7]abc",
    };

    private static DelegateInvocationHandler Echo() =>
        new((payload, _, _) => Task.FromResult<ReadOnlyMemory<byte>>(Encoding.UTF8.GetBytes("echo:" + Encoding.UTF8.GetString(payload.Span))));

    private static DelegateInvocationHandler Throws(Exception exception) => new((_, _, _) => Task.FromException<ReadOnlyMemory<byte>>(exception));

    [Fact]
    public async Task RunAsync_HandlerReturns_PostsResponse()
    {
        await using var host = await HostHarness.StartAsync(Echo());

        var result = await host.InvokeAsync("{\"a\":1}");

        Assert.Equal(InvocationStatus.Success, result.Status);
        Assert.Equal("echo:{\"a\":1}", Encoding.UTF8.GetString(result.Payload.Span));
    }

    [Fact]
    public async Task RunAsync_SeveralInvocations_ServedInOrder()
    {
        await using var host = await HostHarness.StartAsync(Echo());

        for (var i = 0; i < 5; i++)
        {
            var result = await host.InvokeAsync($"n{i}");
            Assert.Equal($"echo:n{i}", Encoding.UTF8.GetString(result.Payload.Span));
        }
    }

    [Fact]
    public async Task RunAsync_Invocation_ContextCarriesHeadersAndEnvironment()
    {
        ILambdaContext? seen = null;
        TimeSpan remaining = default;
        var handler = new DelegateInvocationHandler((_, context, _) =>
        {
            seen = context;
            remaining = context.RemainingTime;
            return Task.FromResult<ReadOnlyMemory<byte>>("{}"u8.ToArray());
        });
        await using var host = await HostHarness.StartAsync(handler, FunctionVariables);
        var before = DateTimeOffset.UtcNow;

        await host.InvokeAsync("{}", new InvocationOptions
        {
            RequestId = "req-42",
            FunctionArn = "arn:aws:lambda:eu-west-1:111122223333:function:orders-fn:live",
            TraceId = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
            ClientContext = "{\"client\":{}}",
            CognitoIdentity = "{\"cognitoIdentityId\":\"x\"}",
            Timeout = TimeSpan.FromSeconds(60),
        });

        Assert.NotNull(seen);
        Assert.Equal("req-42", seen.AwsRequestId);
        Assert.Equal("arn:aws:lambda:eu-west-1:111122223333:function:orders-fn:live", seen.InvokedFunctionArn);
        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", seen.TraceId);
        Assert.Equal("{\"client\":{}}", seen.ClientContext);
        Assert.Equal("{\"cognitoIdentityId\":\"x\"}", seen.CognitoIdentity);
        Assert.Equal("orders-fn", seen.FunctionName);
        Assert.Equal("7", seen.FunctionVersion);
        Assert.Equal(512, seen.MemoryLimitInMB);
        Assert.Equal("/aws/lambda/orders-fn", seen.LogGroupName);
        Assert.Equal("2026/11/25/[7]abc", seen.LogStreamName);
        Assert.InRange(seen.Deadline, before.AddSeconds(59), DateTimeOffset.UtcNow.AddSeconds(61));
        Assert.InRange(remaining, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task RunAsync_TraceId_SetAsXAmznTraceIdDuringInvocation()
    {
        string? during = null;
        HostHarness? harness = null;
        var handler = new DelegateInvocationHandler((_, _, _) =>
        {
            during = harness!.Environment.GetVariable("_X_AMZN_TRACE_ID");
            return Task.FromResult<ReadOnlyMemory<byte>>(Array.Empty<byte>());
        });
        await using var host = await HostHarness.StartAsync(handler);
        harness = host;

        await host.InvokeAsync("{}", new InvocationOptions { TraceId = "Root=1-abc;Sampled=1" });

        Assert.Equal("Root=1-abc;Sampled=1", during);
    }

    [Fact]
    public async Task RunAsync_OptionalHeadersAbsent_ContextValuesEmptyAndStaleTraceRemoved()
    {
        ILambdaContext? seen = null;
        var handler = new DelegateInvocationHandler((_, context, _) =>
        {
            seen = context;
            return Task.FromResult<ReadOnlyMemory<byte>>(Array.Empty<byte>());
        });
        await using var host = await HostHarness.StartAsync(handler, new Dictionary<string, string> { ["_X_AMZN_TRACE_ID"] = "Root=stale" });

        var result = await host.InvokeAsync("{}", new InvocationOptions { FunctionArn = null });

        Assert.True(result.Succeeded);
        Assert.NotNull(seen);
        Assert.Null(seen.TraceId);
        Assert.Null(seen.ClientContext);
        Assert.Null(seen.CognitoIdentity);
        Assert.Equal(string.Empty, seen.InvokedFunctionArn);
        Assert.Equal("$LATEST", seen.FunctionVersion);
        Assert.Null(host.Environment.GetVariable("_X_AMZN_TRACE_ID"));
    }

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
        await using var host = await HostHarness.StartAsync(Throws(new InvalidOperationException(new string('x', 1_000_000))));

        var result = await host.InvokeAsync("{}");

        Assert.InRange(result.Error!.ErrorMessage!.Length, 32 * 1024, 33 * 1024);
        Assert.EndsWith("… (truncated)", result.Error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FunctionErrorException_KeepsChosenType()
    {
        await using var host = await HostHarness.StartAsync(Throws(new FunctionErrorException("Function.BatchRetry", "2 messages need a retry")));

        var result = await host.InvokeAsync("{}");

        Assert.Equal("Function.BatchRetry", result.Error!.ErrorType);
        Assert.Equal("Function.BatchRetry", result.Error.BodyErrorType);
        Assert.Equal("2 messages need a retry", result.Error.ErrorMessage);
    }

    [Fact]
    public async Task RunAsync_ExceptionNameWithDigits_TypeStillSurvivesNormalisation()
    {
        await using var host = await HostHarness.StartAsync(Throws(new Utf8ProblemException()));

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

    [Fact]
    public async Task RunAsync_InitThrowsInitializationException_ReportsCleanInitErrorAndExits()
    {
        await using var host = await HostHarness.StartAsync(_ => throw new InitializationException("unknown _HANDLER 'x'; known: bootstrap, orders"));

        var initError = await host.Server.WaitForInitErrorAsync(TestContext.Current.CancellationToken).WaitAsync(HostHarness.WaitLimit, TestContext.Current.CancellationToken);
        var exit = await host.Exit.WaitAsync(HostHarness.WaitLimit, TestContext.Current.CancellationToken);
        var invocation = await host.InvokeAsync("{}");

        Assert.Equal(LambdaHost.ExitInitError, exit);
        Assert.Equal("Runtime.InitError", initError.ErrorType);
        Assert.Equal("InitializationException", initError.BodyErrorType);
        Assert.Equal("unknown _HANDLER 'x'; known: bootstrap, orders", initError.ErrorMessage);
        Assert.Empty(initError.StackTrace);
        Assert.Equal(InvocationStatus.Error, invocation.Status);
        Assert.Equal("Runtime.InitError", invocation.Error!.ErrorType);
        Assert.Contains(host.Log.Lines, line => line.Contains("FATAL\tInitialization failed for handler ''", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_InitThrowsUnexpectedException_ReportsItWithStack()
    {
        await using var host = await HostHarness.StartAsync(_ => throw new FormatException("bad setting"));

        var initError = await host.Server.WaitForInitErrorAsync(TestContext.Current.CancellationToken).WaitAsync(HostHarness.WaitLimit, TestContext.Current.CancellationToken);

        Assert.Equal(LambdaHost.ExitInitError, await host.Exit);
        Assert.Equal("FormatException", initError.BodyErrorType);
        Assert.Equal("bad setting", initError.ErrorMessage);
        Assert.NotEmpty(initError.StackTrace);
    }

    [Fact]
    public async Task RunAsync_AsyncInit_ServesItsHandler()
    {
        await using var server = await LocalRuntimeServer.StartAsync(TestContext.Current.CancellationToken);
        using var log = new LogCapture();
        using var stop = new CancellationTokenSource();
        var environment = new TestEnvironment([new("AWS_LAMBDA_RUNTIME_API", server.RuntimeApiAddress)]);
        var run = LambdaHost.RunAsync(
            async (_, cancellationToken) =>
            {
                await Task.Yield();
                return (IInvocationHandler)Echo();
            },
            new LambdaHostOptions { Environment = environment, LogOutput = log },
            stop.Token);

        var result = await server.InvokeAsync("x"u8.ToArray(), null, TestContext.Current.CancellationToken).WaitAsync(HostHarness.WaitLimit, TestContext.Current.CancellationToken);
        await stop.CancelAsync();

        Assert.Equal("echo:x", Encoding.UTF8.GetString(result.Payload.Span));
        Assert.Equal(LambdaHost.ExitOk, await run.WaitAsync(HostHarness.WaitLimit, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RunAsync_Init_ReceivesHandlerNameAndFunctionSettings()
    {
        LambdaHostEnvironment? seen = null;
        await using var host = await HostHarness.StartAsync(
            environment =>
            {
                seen = environment;
                return Echo();
            },
            new Dictionary<string, string>(FunctionVariables) { ["DEAD_LETTER_QUEUE_URL"] = "http://127.0.0.1:1/q", ["EMPTY"] = string.Empty });

        await host.Server.WaitForRuntimeAsync(TestContext.Current.CancellationToken).WaitAsync(HostHarness.WaitLimit, TestContext.Current.CancellationToken);

        Assert.NotNull(seen);
        Assert.Equal("orders", seen.HandlerName);
        Assert.Equal("orders-fn", seen.FunctionName);
        Assert.Equal(512, seen.MemoryLimitInMB);
        Assert.Equal(host.Server.RuntimeApiAddress, seen.RuntimeApi);
        Assert.Equal("http://127.0.0.1:1/q", seen.GetVariable("DEAD_LETTER_QUEUE_URL"));
        Assert.Null(seen.GetVariable("EMPTY"));
        Assert.Equal(LogLevel.Information, seen.LogLevel);
    }

    [Fact]
    public async Task RunAsync_Deadline_CancelsHandlerToken()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var started = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateInvocationHandler(async (_, context, cancellationToken) =>
        {
            started.SetResult(context.RemainingTime);
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return Array.Empty<byte>();
        });
        await using var host = await HostHarness.StartAsync(handler, timeProvider: time);

        // The deadline header comes from the real clock: line the fake one up with it first.
        time.SetUtcNow(DateTimeOffset.UtcNow);
        var invocation = host.InvokeAsync("{}", new InvocationOptions { Timeout = TimeSpan.FromSeconds(60) });
        var remaining = await started.Task.WaitAsync(HostHarness.WaitLimit, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(90));
        var result = await invocation;

        Assert.InRange(remaining, TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(90));
        Assert.Equal(InvocationStatus.Error, result.Status);
        Assert.Equal("Function.DeadlineExceeded", result.Error!.ErrorType);
        Assert.Contains("cancelled at its deadline", result.Error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ResponseTooLarge_ReportsErrorAndKeepsServing()
    {
        var calls = 0;
        var handler = new DelegateInvocationHandler((_, _, _) => Task.FromResult<ReadOnlyMemory<byte>>(
            ++calls == 1 ? new byte[LocalRuntimeOptions.DefaultMaxResponseBytes + 1] : "small"u8.ToArray()));
        await using var host = await HostHarness.StartAsync(handler);

        var tooLarge = await host.InvokeAsync("{}");
        var next = await host.InvokeAsync("{}");

        Assert.Equal(InvocationStatus.Error, tooLarge.Status);
        Assert.Equal("Function.ResponseSizeTooLarge", tooLarge.Error!.ErrorType);
        Assert.True(next.Succeeded);
        Assert.Contains(host.Log.Lines, line => line.Contains($"Response of {LocalRuntimeOptions.DefaultMaxResponseBytes + 1} bytes is larger than Lambda accepts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_RuntimeApiStopsServing_ExitsWithRuntimeApiError()
    {
        await using var host = await HostHarness.StartAsync(Echo());
        await host.Server.WaitForRuntimeAsync(TestContext.Current.CancellationToken).WaitAsync(HostHarness.WaitLimit, TestContext.Current.CancellationToken);

        await host.Server.DisposeAsync();

        Assert.Equal(LambdaHost.ExitRuntimeApiError, await host.Exit.WaitAsync(HostHarness.WaitLimit, TestContext.Current.CancellationToken));
        Assert.Contains(host.Log.Lines, line => line.Contains("FATAL\tRuntime API stopped serving invocations", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_WithoutRuntimeApi_ExitsWithRuntimeApiError()
    {
        using var log = new Functions.Tests.RuntimeHost.LogCapture();
        var options = new LambdaHostOptions { Environment = new TestEnvironment(), LogOutput = log };

        var exit = await LambdaHost.RunAsync(_ => Echo(), options, TestContext.Current.CancellationToken);

        Assert.Equal(LambdaHost.ExitRuntimeApiError, exit);
        Assert.Contains("AWS_LAMBDA_RUNTIME_API is not set", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ShutdownRequested_ExitsOk()
    {
        var host = await HostHarness.StartAsync(Echo());
        await host.Server.WaitForRuntimeAsync(TestContext.Current.CancellationToken).WaitAsync(HostHarness.WaitLimit, TestContext.Current.CancellationToken);

        await host.DisposeAsync();

        Assert.Equal(LambdaHost.ExitOk, await host.Exit);
    }

    [Fact]
    public async Task RunAsync_JsonLogFormat_FunctionLogsCarryRequestId()
    {
        var handler = new DelegateInvocationHandler((_, context, _) =>
        {
            context.Logger.LogInformation("handling");
            return Task.FromResult<ReadOnlyMemory<byte>>(Array.Empty<byte>());
        });
        await using var host = await HostHarness.StartAsync(handler, new Dictionary<string, string> { ["AWS_LAMBDA_LOG_FORMAT"] = "JSON" });

        await host.InvokeAsync("{}", new InvocationOptions { RequestId = "req-json" });

        var line = Assert.Single(host.Log.Lines, l => l.Contains("\"message\":\"handling\"", StringComparison.Ordinal));
        Assert.Contains("\"requestId\":\"req-json\"", line, StringComparison.Ordinal);
        Assert.Contains("\"level\":\"INFO\"", line, StringComparison.Ordinal);
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
