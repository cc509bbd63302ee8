using System.Globalization;
using Functions.Runtime.Logging;
using Microsoft.Extensions.Logging;

namespace Functions.Runtime.Runtime;

/// <summary>
/// The custom-runtime entry point: reads Lambda's environment, runs the init delegate once, then serves invocations
/// (next → invoke → response or error) until cancelled or until the Runtime API stops serving.
/// </summary>
/// <example><code>return await LambdaHost.RunAsync(env => new MyHandler(env.LoggerFactory));</code></example>
public static class LambdaHost
{
    /// <summary>Exit code after a shutdown request.</summary>
    public const int ExitOk = 0;

    /// <summary>Exit code when initialization failed (reported to <c>/runtime/init/error</c>).</summary>
    public const int ExitInitError = 1;

    /// <summary>Exit code when the Runtime API is missing or stops serving (e.g. 500 from <c>next</c>).</summary>
    public const int ExitRuntimeApiError = 2;

    /// <summary>Runs the function against the process environment and stdout.</summary>
    public static Task<int> RunAsync(Func<LambdaHostEnvironment, IInvocationHandler> initialize, CancellationToken cancellationToken = default) =>
        RunAsync(initialize, new LambdaHostOptions(), cancellationToken);

    /// <summary>Runs the function with a synchronous init delegate.</summary>
    public static Task<int> RunAsync(Func<LambdaHostEnvironment, IInvocationHandler> initialize, LambdaHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        return RunAsync((environment, _) => Task.FromResult(initialize(environment)), options, cancellationToken);
    }

    /// <summary>
    /// Runs the function. <paramref name="initialize"/> builds the handler once (choose it by
    /// <see cref="LambdaHostEnvironment.HandlerName"/>); throwing <see cref="InitializationException"/> or any
    /// other exception reports an init error and returns <see cref="ExitInitError"/>.
    /// </summary>
    public static async Task<int> RunAsync(
        Func<LambdaHostEnvironment, CancellationToken, Task<IInvocationHandler>> initialize,
        LambdaHostOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        ArgumentNullException.ThrowIfNull(options);
        var variables = options.Environment;
        using var logs = LambdaLoggerProvider.FromEnvironment(variables, options.LogOutput ?? Console.OpenStandardOutput(), options.TimeProvider);
        var logger = logs.CreateLogger(typeof(LambdaHost).FullName!);

        if (variables.GetVariable("AWS_LAMBDA_RUNTIME_API") is not { Length: > 0 } runtimeApi)
        {
            logger.RuntimeApiNotSet();
            return ExitRuntimeApiError;
        }

        var environment = ReadEnvironment(runtimeApi, variables, logs, options.TimeProvider);
        using var client = new RuntimeApiClient(runtimeApi);
        IInvocationHandler handler;
        try
        {
            handler = await initialize(environment, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A clean InitializationException needs no stack trace; anything else is a bug and keeps it.
            var clean = ex is InitializationException;
            logger.InitFailed(environment.HandlerName, ex.Message, clean ? null : ex);
            var body = ErrorReport.Serialize(ex.GetType().Name, ex.Message, clean ? [] : ErrorReport.StackLines(ex));
            try
            {
                await client.PostInitErrorAsync("Runtime.InitError", body, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException postError)
            {
                logger.PostFailed("init/error", "-", postError);
            }

            return ExitInitError;
        }

        var loop = new InvocationLoop(client, handler, environment, logs, logger);
        return await loop.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private static LambdaHostEnvironment ReadEnvironment(string runtimeApi, IEnvironmentVariables variables, LambdaLoggerProvider logs, TimeProvider timeProvider) => new()
    {
        RuntimeApi = runtimeApi,
        HandlerName = variables.GetVariable("_HANDLER") ?? string.Empty,
        FunctionName = variables.GetVariable("AWS_LAMBDA_FUNCTION_NAME") ?? string.Empty,
        FunctionVersion = variables.GetVariable("AWS_LAMBDA_FUNCTION_VERSION") is { Length: > 0 } version ? version : "$LATEST",
        MemoryLimitInMB = int.TryParse(variables.GetVariable("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var memory) ? memory : 0,
        LogGroupName = variables.GetVariable("AWS_LAMBDA_LOG_GROUP_NAME") ?? string.Empty,
        LogStreamName = variables.GetVariable("AWS_LAMBDA_LOG_STREAM_NAME") ?? string.Empty,
        LogFormat = logs.Format,
        LogLevel = logs.MinimumLevel,
        LoggerFactory = logs.CreateLoggerFactory(),
        LogLines = logs,
        TimeProvider = timeProvider,
        Variables = variables,
    };
}
