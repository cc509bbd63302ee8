using System.Diagnostics;
using System.Globalization;
using Harness;
using LocalRuntime;
using Microsoft.Extensions.Logging;
using Result = LocalEventSource.Invocation.InvocationResult;

namespace LocalEventSource.Invocation;

/// <summary>
/// One Lambda execution environment: a local Runtime API server and the real <c>bootstrap</c> as its own process,
/// started with the environment variables Lambda sets. Started on the first invocation (a cold start); after a
/// timeout or a crash the process is killed and the next invocation starts a fresh environment, as Lambda does.
/// Not thread-safe: one invocation at a time, like a Lambda environment.
/// </summary>
internal sealed class ExecutionEnvironment(int index, FunctionOptions function, Action<string> onOutput, ILogger logger) : IFunctionInvoker
{
    private static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(10);

    private LocalRuntimeServer? _server;
    private ChildProcess? _process;

    public async Task<Result> InvokeAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (server, process) = await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        // The server counts the timeout from when the runtime takes the event; a runtime stuck in its init phase
        // never takes it, so bound the whole call by Lambda's 10 s init limit on top.
        using var initGuard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        initGuard.CancelAfter(function.Timeout + InitTimeout);
        var invoke = server.InvokeAsync(payload, new InvocationOptions { Timeout = function.Timeout, FunctionArn = function.FunctionArn }, initGuard.Token);
        using var exitWatch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var exited = process.WaitForExitAsync(exitWatch.Token);
        var first = await Task.WhenAny(invoke, exited).ConfigureAwait(false);
        await exitWatch.CancelAsync().ConfigureAwait(false);
        if (first != invoke && exited.IsCompletedSuccessfully)
        {
            var exit = process.ExitCode;
            await initGuard.CancelAsync().ConfigureAwait(false);
            await ((Task)invoke).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await ReplaceAsync(InvocationOutcome.Crashed, started).ConfigureAwait(false);
            return new Result(InvocationOutcome.Crashed, $"Runtime.ExitError: bootstrap exited with code {exit}", Stopwatch.GetElapsedTime(started));
        }

        LocalRuntime.InvocationResult result;
        try
        {
            result = await invoke.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await ReplaceAsync(InvocationOutcome.Timeout, started).ConfigureAwait(false);
            return new Result(InvocationOutcome.Timeout, "Runtime.InitTimeout: the bootstrap never asked for the event", Stopwatch.GetElapsedTime(started));
        }

        switch (result.Status)
        {
            case InvocationStatus.Success:
                return new Result(InvocationOutcome.Success, null, result.Duration);
            case InvocationStatus.TimedOut:
                await ReplaceAsync(InvocationOutcome.Timeout, started).ConfigureAwait(false);
                return new Result(InvocationOutcome.Timeout, $"Task timed out after {function.Timeout.TotalSeconds:0.##} seconds", result.Duration);
            default:
                return new Result(InvocationOutcome.FunctionError, $"{result.Error?.ErrorType}: {result.Error?.ErrorMessage}", result.Duration);
        }
    }

    /// <summary>
    /// SIGKILL to the running bootstrap, from any thread: a crash the next or current invocation sees as
    /// <c>Runtime.ExitError</c>. False when none runs.
    /// </summary>
    public bool Crash()
    {
        if (Volatile.Read(ref _process) is not { HasExited: false } process)
        {
            return false;
        }

        process.Kill();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
    }

    private async Task<(LocalRuntimeServer Server, ChildProcess Process)> EnsureStartedAsync(CancellationToken cancellationToken)
    {
        if (_server is not null && _process is { HasExited: false })
        {
            return (_server, _process);
        }

        await StopAsync().ConfigureAwait(false);
        function.Validate();
        var server = await LocalRuntimeServer.StartAsync(new LocalRuntimeOptions(), cancellationToken).ConfigureAwait(false);
        _server = server;
        _process = ChildProcess.Start(
            function.BootstrapPath,
            [],
            LambdaEnvironment(server.RuntimeApiAddress),
            onOutput,
            Path.GetDirectoryName(Path.GetFullPath(function.BootstrapPath)));
        logger.EnvironmentStarted(index, _process.Id, server.RuntimeApiAddress);
        return (_server, _process);
    }

    private async Task ReplaceAsync(InvocationOutcome outcome, long started)
    {
        logger.EnvironmentReplaced(index, outcome, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        await StopAsync().ConfigureAwait(false);
    }

    private async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync().ConfigureAwait(false);
            _process = null;
        }

        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }
    }

    /// <summary>The reserved variables Lambda sets for a custom runtime (Lambda developer guide, "Defined runtime environment variables"), then the function's own.</summary>
    private Dictionary<string, string?> LambdaEnvironment(string runtimeApi)
    {
        var now = DateTimeOffset.UtcNow;
        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["AWS_LAMBDA_RUNTIME_API"] = runtimeApi,
            ["_HANDLER"] = function.Handler,
            ["AWS_LAMBDA_FUNCTION_NAME"] = function.FunctionName,
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = function.MemorySizeMb.ToString(CultureInfo.InvariantCulture),
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand",
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + function.FunctionName,
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = FormattableString.Invariant($"{now:yyyy/MM/dd}/[$LATEST]{Guid.NewGuid():N}"),
            ["AWS_REGION"] = function.Region,
            ["AWS_DEFAULT_REGION"] = function.Region,
            ["LAMBDA_TASK_ROOT"] = Path.GetDirectoryName(Path.GetFullPath(function.BootstrapPath)),
            ["TZ"] = ":UTC",
        };
        foreach (var (key, value) in function.Environment)
        {
            env[key] = value;
        }

        return env;
    }
}
