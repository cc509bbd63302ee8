namespace Functions.Tests.RuntimeHost;

/// <summary>LambdaHost serving invocations: responses, context, trace id, deadline, response size, JSON logs.</summary>
public sealed class LambdaHostInvocationTests
{
    [Fact]
    public async Task RunAsync_HandlerReturns_PostsResponse()
    {
        await using var host = await HostHarness.StartAsync(HostHandlers.Echo());

        var result = await host.InvokeAsync("{\"a\":1}");

        Assert.Equal(InvocationStatus.Success, result.Status);
        Assert.Equal("echo:{\"a\":1}", Encoding.UTF8.GetString(result.Payload.Span));
    }

    [Fact]
    public async Task RunAsync_SeveralInvocations_ServedInOrder()
    {
        await using var host = await HostHarness.StartAsync(HostHandlers.Echo());

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
        await using var host = await HostHarness.StartAsync(handler, HostHandlers.FunctionVariables);
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
        var remaining = await started.Task.WaitAsync(HostHarness.WaitLimit, Ct);
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
}
