namespace Functions.Tests.RuntimeHost;

/// <summary>LambdaHost start and stop: init, init errors, a missing or stopped Runtime API, shutdown.</summary>
public sealed class LambdaHostLifecycleTests
{
    [Fact]
    public async Task RunAsync_InitThrowsInitializationException_ReportsCleanInitErrorAndExits()
    {
        await using var host = await HostHarness.StartAsync(_ => throw new InitializationException("unknown _HANDLER 'x'; known: bootstrap, orders"));

        var initError = await host.Server.WaitForInitErrorAsync(Ct).WaitAsync(HostHarness.WaitLimit, Ct);
        var exit = await host.Exit.WaitAsync(HostHarness.WaitLimit, Ct);
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

        var initError = await host.Server.WaitForInitErrorAsync(Ct).WaitAsync(HostHarness.WaitLimit, Ct);

        Assert.Equal(LambdaHost.ExitInitError, await host.Exit);
        Assert.Equal("FormatException", initError.BodyErrorType);
        Assert.Equal("bad setting", initError.ErrorMessage);
        Assert.NotEmpty(initError.StackTrace);
    }

    [Fact]
    public async Task RunAsync_AsyncInit_ServesItsHandler()
    {
        await using var server = await LocalRuntimeServer.StartAsync(Ct);
        using var log = new LogCapture();
        using var stop = new CancellationTokenSource();
        var environment = new TestEnvironment([new("AWS_LAMBDA_RUNTIME_API", server.RuntimeApiAddress)]);
        var run = LambdaHost.RunAsync(
            async (_, cancellationToken) =>
            {
                await Task.Yield();
                return (IInvocationHandler)HostHandlers.Echo();
            },
            new LambdaHostOptions { Environment = environment, LogOutput = log },
            stop.Token);

        var result = await server.InvokeAsync("x"u8.ToArray(), null, Ct).WaitAsync(HostHarness.WaitLimit, Ct);
        await stop.CancelAsync();

        Assert.Equal("echo:x", Encoding.UTF8.GetString(result.Payload.Span));
        Assert.Equal(LambdaHost.ExitOk, await run.WaitAsync(HostHarness.WaitLimit, Ct));
    }

    [Fact]
    public async Task RunAsync_Init_ReceivesHandlerNameAndFunctionSettings()
    {
        LambdaHostEnvironment? seen = null;
        await using var host = await HostHarness.StartAsync(
            environment =>
            {
                seen = environment;
                return HostHandlers.Echo();
            },
            new Dictionary<string, string>(HostHandlers.FunctionVariables) { ["DEAD_LETTER_QUEUE_URL"] = "http://127.0.0.1:1/q", ["EMPTY"] = string.Empty });

        await host.Server.WaitForRuntimeAsync(Ct).WaitAsync(HostHarness.WaitLimit, Ct);

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
    public async Task RunAsync_RuntimeApiStopsServing_ExitsWithRuntimeApiError()
    {
        await using var host = await HostHarness.StartAsync(HostHandlers.Echo());
        await host.Server.WaitForRuntimeAsync(Ct).WaitAsync(HostHarness.WaitLimit, Ct);

        await host.Server.DisposeAsync();

        Assert.Equal(LambdaHost.ExitRuntimeApiError, await host.Exit.WaitAsync(HostHarness.WaitLimit, Ct));
        Assert.Contains(host.Log.Lines, line => line.Contains("FATAL\tRuntime API stopped serving invocations", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_WithoutRuntimeApi_ExitsWithRuntimeApiError()
    {
        using var log = new Functions.Tests.RuntimeHost.LogCapture();
        var options = new LambdaHostOptions { Environment = new TestEnvironment(), LogOutput = log };

        var exit = await LambdaHost.RunAsync(_ => HostHandlers.Echo(), options, Ct);

        Assert.Equal(LambdaHost.ExitRuntimeApiError, exit);
        Assert.Contains("AWS_LAMBDA_RUNTIME_API is not set", log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ShutdownRequested_ExitsOk()
    {
        var host = await HostHarness.StartAsync(HostHandlers.Echo());
        await host.Server.WaitForRuntimeAsync(Ct).WaitAsync(HostHarness.WaitLimit, Ct);

        await host.DisposeAsync();

        Assert.Equal(LambdaHost.ExitOk, await host.Exit);
    }
}
