using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Functions.Runtime.Runtime;

/// <summary>The Lambda Runtime API 2018-06-01 over HTTP/1.1.</summary>
internal sealed class RuntimeApiClient : IDisposable
{
    public const string ErrorContentType = "application/vnd.aws.lambda.error+json";

    private readonly HttpClient _http;

    public RuntimeApiClient(string runtimeApi)
    {
        var handler = new SocketsHttpHandler
        {
            // The API is on loopback; an HTTP_PROXY meant for the function's own calls must not capture it.
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };

        // "next" is a long poll that returns only when an invocation arrives, possibly hours later: no timeout.
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/runtime/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<NextInvocation> GetNextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("invocation/next", HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new RuntimeApiException("GET invocation/next", response.StatusCode, System.Text.Encoding.UTF8.GetString(payload));
        }

        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new RuntimeApiException("GET invocation/next returned no Lambda-Runtime-Aws-Request-Id header.");
        // A value that is no valid time is treated as "no deadline" rather than crashing the loop.
        var deadline = Header(response, "Lambda-Runtime-Deadline-Ms") is { } text
            && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            && ms >= 0 && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() ? ms : (long?)null;
        return new NextInvocation(
            requestId,
            deadline,
            Header(response, "Lambda-Runtime-Invoked-Function-Arn"),
            Header(response, "Lambda-Runtime-Trace-Id"),
            Header(response, "Lambda-Runtime-Client-Context"),
            Header(response, "Lambda-Runtime-Cognito-Identity"),
            payload);
    }

    public async Task<HttpStatusCode> PostResponseAsync(string requestId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(payload);
        using var response = await _http.PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    public Task<HttpStatusCode> PostErrorAsync(string requestId, string errorType, byte[] body, CancellationToken cancellationToken) =>
        PostErrorToAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", errorType, body, cancellationToken);

    public Task<HttpStatusCode> PostInitErrorAsync(string errorType, byte[] body, CancellationToken cancellationToken) =>
        PostErrorToAsync("init/error", errorType, body, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<HttpStatusCode> PostErrorToAsync(string path, string errorType, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(ErrorContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", errorType);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && values.FirstOrDefault() is { Length: > 0 } value ? value : null;
}
