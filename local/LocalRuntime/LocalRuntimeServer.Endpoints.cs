using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LocalRuntime;

/// <summary>The Runtime API endpoints.</summary>
public sealed partial class LocalRuntimeServer
{
    private const string Prefix = "/2018-06-01/runtime";

    private void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Prefix + "/invocation/next", NextAsync);
        routes.MapPost(Prefix + "/invocation/{requestId}/response", ResponseAsync);
        routes.MapPost(Prefix + "/invocation/{requestId}/error", ErrorAsync);
        routes.MapPost(Prefix + "/init/error", InitErrorAsync);
    }

    private async Task NextAsync(HttpContext http)
    {
        _runtimeReady.TrySetResult();
        while (true)
        {
            PendingInvocation pending;
            try
            {
                pending = await _queue.Reader.ReadAsync(http.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The runtime went away while waiting; the channel keeps the invocation for the next one.
                return;
            }
            catch (ChannelClosedException)
            {
                await WriteErrorAsync(http, StatusCodes.Status500InternalServerError, "ServiceException", "The Runtime API is shutting down.").ConfigureAwait(false);
                return;
            }

            if (pending.TryDispatch() is not { } deadline)
            {
                continue;
            }

            var headers = http.Response.Headers;
            headers["Lambda-Runtime-Aws-Request-Id"] = pending.RequestId;
            headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            SetIfPresent(headers, "Lambda-Runtime-Invoked-Function-Arn", pending.Options.FunctionArn);
            SetIfPresent(headers, "Lambda-Runtime-Trace-Id", pending.Options.TraceId);
            SetIfPresent(headers, "Lambda-Runtime-Client-Context", pending.Options.ClientContext);
            SetIfPresent(headers, "Lambda-Runtime-Cognito-Identity", pending.Options.CognitoIdentity);
            http.Response.ContentType = "application/json";
            http.Response.ContentLength = pending.Payload.Length;
            await http.Response.Body.WriteAsync(pending.Payload, http.RequestAborted).ConfigureAwait(false);
            return;
        }
    }

    private async Task ResponseAsync(HttpContext http)
    {
        if (await FindInFlightAsync(http).ConfigureAwait(false) is not { } pending)
        {
            return;
        }

        var (body, length) = await ReadBodyAsync(http.Request, _options.MaxResponseBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            // As RIE: the caller gets Function.ResponseSizeTooLarge, the runtime 413, and the invocation is over.
            var message = string.Create(CultureInfo.InvariantCulture, $"Response payload size ({length} bytes) exceeded maximum allowed payload size ({_options.MaxResponseBytes} bytes).");
            pending.TryComplete(InvocationStatus.Error, error: new InvocationError
            {
                ErrorType = "Function.ResponseSizeTooLarge",
                ReportedErrorType = null,
                BodyErrorType = "Function.ResponseSizeTooLarge",
                ErrorMessage = message,
                Body = ErrorJson("Function.ResponseSizeTooLarge", message),
            });
            await WriteErrorAsync(
                http,
                StatusCodes.Status413PayloadTooLarge,
                "RequestEntityTooLarge",
                string.Create(CultureInfo.InvariantCulture, $"Exceeded maximum allowed payload size ({_options.MaxResponseBytes} bytes).")).ConfigureAwait(false);
            return;
        }

        pending.TryComplete(InvocationStatus.Success, body, http.Request.ContentType);
        await WriteAcceptedAsync(http).ConfigureAwait(false);
    }

    private async Task ErrorAsync(HttpContext http)
    {
        if (await FindInFlightAsync(http).ConfigureAwait(false) is not { } pending)
        {
            return;
        }

        var (body, _) = await ReadBodyAsync(http.Request, int.MaxValue, http.RequestAborted).ConfigureAwait(false);
        pending.TryComplete(InvocationStatus.Error, error: ErrorReports.Parse(ErrorTypeHeader(http), http.Request.ContentType, body!));
        await WriteAcceptedAsync(http).ConfigureAwait(false);
    }

    private async Task InitErrorAsync(HttpContext http)
    {
        var (body, _) = await ReadBodyAsync(http.Request, int.MaxValue, http.RequestAborted).ConfigureAwait(false);
        var error = ErrorReports.Parse(ErrorTypeHeader(http), http.Request.ContentType, body!);
        if (Interlocked.CompareExchange(ref _initErrorValue, error, null) is not null)
        {
            await WriteErrorAsync(http, StatusCodes.Status403Forbidden, "InvalidStateTransition", "Init error already reported.").ConfigureAwait(false);
            return;
        }

        _initError.TrySetResult(error);

        // Lambda fails every waiting invoke with the init error.
        foreach (var pending in _invocations.Values)
        {
            pending.TryComplete(InvocationStatus.Error, error: error);
        }

        await WriteAcceptedAsync(http).ConfigureAwait(false);
    }

    /// <summary>The dispatched, not yet answered invocation the URL names; otherwise writes RIE's refusal and returns null.</summary>
    private async Task<PendingInvocation?> FindInFlightAsync(HttpContext http)
    {
        var requestId = http.Request.RouteValues["requestId"] as string ?? string.Empty;
        if (_invocations.TryGetValue(requestId, out var pending) && !pending.IsCompleted && pending.IsDispatched)
        {
            return pending;
        }

        // RIE checks the runtime's state first: with nothing in flight any post is an invalid state transition.
        if (!_invocations.Values.Any(other => other.IsDispatched && !other.IsCompleted))
        {
            await WriteErrorAsync(http, StatusCodes.Status403Forbidden, "InvalidStateTransition", "No invocation is in progress.").ConfigureAwait(false);
        }
        else
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, "InvalidRequestID", "Invalid request ID").ConfigureAwait(false);
        }

        return null;
    }

    private static string? ErrorTypeHeader(HttpContext http) =>
        http.Request.Headers.TryGetValue("Lambda-Runtime-Function-Error-Type", out var values) ? values.ToString() : null;

    /// <summary>Reads the whole body (so the client always gets the answer); null when longer than <paramref name="limit"/>.</summary>
    private static async Task<(byte[]? Body, long Length)> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        using var kept = new MemoryStream();
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
            if (length <= limit)
            {
                await kept.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }

        return (length <= limit ? kept.ToArray() : null, length);
    }

    private static void SetIfPresent(IHeaderDictionary headers, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            headers[name] = value;
        }
    }

    private static async Task WriteAcceptedAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status202Accepted;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync("{\"status\":\"OK\"}"u8.ToArray()).ConfigureAwait(false);
    }

    private static async Task WriteErrorAsync(HttpContext http, int statusCode, string errorType, string message)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(ErrorJson(errorType, message)).ConfigureAwait(false);
    }

    private static byte[] ErrorJson(string errorType, string message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("errorMessage", message);
            writer.WriteString("errorType", errorType);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
