using System.Globalization;
using System.Net;
using Functions.Runtime.Logging;
using Microsoft.Extensions.Logging;

namespace Functions.Runtime.Runtime;

/// <summary>Serves invocations one at a time: next → invoke → response or error.</summary>
internal sealed class InvocationLoop(
    RuntimeApiClient client,
    IInvocationHandler handler,
    LambdaHostEnvironment environment,
    LambdaLoggerProvider logs,
    ILogger logger)
{
    private const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    private static readonly TimeSpan MaxTimer = TimeSpan.FromDays(1);

    private readonly ILogger _functionLogger = logs.CreateLogger("Function");

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            NextInvocation next;
            try
            {
                next = await client.GetNextAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                logger.Stopping();
                return LambdaHost.ExitOk;
            }
            catch (Exception ex) when (ex is RuntimeApiException or HttpRequestException)
            {
                // Lambda's answer to a 500 from next is "exit": the environment is broken and will be replaced.
                logger.RuntimeApiFailed(ex.Message, ex);
                return LambdaHost.ExitRuntimeApiError;
            }

            if (!await InvokeAsync(next, cancellationToken).ConfigureAwait(false))
            {
                logger.Stopping();
                return LambdaHost.ExitOk;
            }
        }
    }

    /// <returns>False when shutdown was requested during the invocation.</returns>
    private async Task<bool> InvokeAsync(NextInvocation next, CancellationToken cancellationToken)
    {
        logs.RequestId = next.RequestId;
        logs.TraceId = next.TraceId;
        environment.Variables.SetVariable(TraceIdVariable, next.TraceId);
        try
        {
            var context = new LambdaContext(next, environment, _functionLogger);
            // Lambda's longest timeout is 15 minutes; a deadline days away (or none) needs no timer.
            using var deadline = context.RemainingTime > MaxTimer
                ? new CancellationTokenSource()
                : new CancellationTokenSource(context.RemainingTime, environment.TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);

            ReadOnlyMemory<byte> response;
            try
            {
                response = await handler.InvokeAsync(next.Payload, context, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex)
            {
                await ReportFailureAsync(next.RequestId, ex, deadline.IsCancellationRequested ? context.Deadline : null, cancellationToken).ConfigureAwait(false);
                return true;
            }

            await SendResponseAsync(next.RequestId, response, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            logs.RequestId = null;
            logs.TraceId = null;
        }
    }

    private async Task ReportFailureAsync(string requestId, Exception exception, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        string errorType;
        byte[] body;
        if (exception is OperationCanceledException && deadline is { } at)
        {
            errorType = "Function.DeadlineExceeded";
            var message = string.Create(CultureInfo.InvariantCulture, $"The invocation was cancelled at its deadline ({at:O}) before it completed.");
            body = ErrorReport.Serialize(errorType, message, ErrorReport.StackLines(exception));
        }
        else
        {
            errorType = ErrorReport.FunctionErrorType(exception);
            body = ErrorReport.Serialize(exception);
        }

        logger.InvocationFailed(errorType, exception.Message, exception);
        await PostErrorAsync(requestId, errorType, body, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendResponseAsync(string requestId, ReadOnlyMemory<byte> response, CancellationToken cancellationToken)
    {
        HttpStatusCode status;
        try
        {
            status = await client.PostResponseAsync(requestId, response, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            logger.PostFailed("response", requestId, ex);
            return;
        }

        if (status == HttpStatusCode.RequestEntityTooLarge)
        {
            // Lambda has failed the invocation already; the error post is for runtimes (and logs) that expect one,
            // and a refusal of it (403: invocation closed) is expected.
            logger.ResponseTooLarge(response.Length);
            const string errorType = "Function.ResponseSizeTooLarge";
            var message = string.Create(CultureInfo.InvariantCulture, $"The response ({response.Length} bytes) exceeds the maximum Lambda accepts.");
            await PostErrorAsync(requestId, errorType, ErrorReport.Serialize(errorType, message, []), cancellationToken).ConfigureAwait(false);
        }
        else if (!IsAccepted(status))
        {
            logger.PostRejected((int)status, "response", requestId);
        }
    }

    private async Task PostErrorAsync(string requestId, string errorType, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            var status = await client.PostErrorAsync(requestId, errorType, body, cancellationToken).ConfigureAwait(false);
            if (!IsAccepted(status))
            {
                logger.PostRejected((int)status, "error", requestId);
            }
        }
        catch (HttpRequestException ex)
        {
            logger.PostFailed("error", requestId, ex);
        }
    }

    private static bool IsAccepted(HttpStatusCode status) => (int)status is >= 200 and < 300;
}
