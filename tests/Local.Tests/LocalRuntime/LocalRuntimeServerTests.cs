using System.Net;
using System.Net.Http.Headers;
using LocalRuntime;

namespace Local.Tests.LocalRuntimeApi;

/// <summary>The server speaks the Runtime API the way AWS's Runtime Interface Emulator does, checked with raw HTTP.</summary>
public sealed class LocalRuntimeServerTests : IAsyncLifetime
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private LocalRuntimeServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await LocalRuntimeServer.StartAsync(Ct);
        _http.BaseAddress = new Uri($"http://{_server.RuntimeApiAddress}/2018-06-01/runtime/");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public void RuntimeApiAddress_IsLoopbackWithPort()
    {
        Assert.Matches(@"^127\.0\.0\.1:\d+$", _server.RuntimeApiAddress);
    }

    [Fact]
    public async Task Next_AllOptionalValuesSet_SendsEveryHeaderAndPayload()
    {
        var invocation = Invoke("{\"x\":1}", new InvocationOptions
        {
            RequestId = "req-1",
            TraceId = "Root=1-abc",
            ClientContext = "{}",
            CognitoIdentity = "{\"id\":1}",
            Timeout = TimeSpan.FromSeconds(30),
        });

        using var next = await _http.GetAsync("invocation/next", Ct);

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("{\"x\":1}", await next.Content.ReadAsStringAsync(Ct));
        Assert.Equal("application/json", next.Content.Headers.ContentType?.MediaType);
        Assert.Equal("req-1", Header(next, "Lambda-Runtime-Aws-Request-Id"));
        Assert.Equal(InvocationOptions.DefaultFunctionArn, Header(next, "Lambda-Runtime-Invoked-Function-Arn"));
        Assert.Equal("Root=1-abc", Header(next, "Lambda-Runtime-Trace-Id"));
        Assert.Equal("{}", Header(next, "Lambda-Runtime-Client-Context"));
        Assert.Equal("{\"id\":1}", Header(next, "Lambda-Runtime-Cognito-Identity"));
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(Header(next, "Lambda-Runtime-Deadline-Ms")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(deadline, DateTimeOffset.UtcNow.AddSeconds(25), DateTimeOffset.UtcNow.AddSeconds(31));
        await PostResponseAsync("req-1", "{}");
        Assert.True((await invocation).Succeeded);
    }

    [Fact]
    public async Task Next_OptionalValuesEmpty_OmitsTheirHeaders()
    {
        var invocation = Invoke("{}", new InvocationOptions { RequestId = "req-2", FunctionArn = "", TraceId = "" });

        using var next = await _http.GetAsync("invocation/next", Ct);

        Assert.Equal("req-2", Header(next, "Lambda-Runtime-Aws-Request-Id"));
        Assert.NotNull(Header(next, "Lambda-Runtime-Deadline-Ms"));
        Assert.False(next.Headers.Contains("Lambda-Runtime-Invoked-Function-Arn"));
        Assert.False(next.Headers.Contains("Lambda-Runtime-Trace-Id"));
        Assert.False(next.Headers.Contains("Lambda-Runtime-Client-Context"));
        Assert.False(next.Headers.Contains("Lambda-Runtime-Cognito-Identity"));
        await PostResponseAsync("req-2", "{}");
        await invocation;
    }

    [Fact]
    public async Task Response_Posted_CompletesInvocationWithPayload()
    {
        var invocation = Invoke("{}", new InvocationOptions { RequestId = "req-3" });
        await NextAsync();

        using var response = await PostResponseAsync("req-3", "{\"done\":true}");
        var result = await invocation;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("{\"status\":\"OK\"}", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(InvocationStatus.Success, result.Status);
        Assert.Equal("req-3", result.RequestId);
        Assert.Equal("{\"done\":true}", Encoding.UTF8.GetString(result.Payload.Span));
    }

    [Theory]
    [InlineData("Function.InvalidOperationException", "Function.InvalidOperationException")]
    [InlineData("Runtime.InitError", "Runtime.InitError")]
    [InlineData("Function.Foo_bar", "Function.Foo_bar")]
    [InlineData("InvalidOperationException", "Runtime.Unknown")]
    [InlineData("Function.lowercase", "Function.Unknown")]
    [InlineData("Function.", "Function.Unknown")]
    [InlineData("", "Runtime.Unknown")]
    [InlineData(null, "Runtime.Unknown")]
    public async Task Error_ReportedType_IsNormalisedLikeTheEmulator(string? reported, string expected)
    {
        var invocation = Invoke("{}", new InvocationOptions { RequestId = "req-e" });
        await NextAsync();

        using var response = await PostErrorAsync("invocation/req-e/error", reported, """{"errorMessage":"m","errorType":"T","stackTrace":["a","b"]}""");
        var result = await invocation;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var error = result.Error!;
        Assert.Equal(InvocationStatus.Error, result.Status);
        Assert.Equal(expected, error.ErrorType);
        Assert.Equal(reported, error.ReportedErrorType);
        Assert.Equal("T", error.BodyErrorType);
        Assert.Equal("m", error.ErrorMessage);
        Assert.Equal(["a", "b"], error.StackTrace);
        Assert.Equal("application/vnd.aws.lambda.error+json", error.ContentType);
    }

    [Fact]
    public async Task Error_BodyNotJson_IsKeptVerbatim()
    {
        var invocation = Invoke("{}", new InvocationOptions { RequestId = "req-raw" });
        await NextAsync();

        using var response = await PostErrorAsync("invocation/req-raw/error", "Function.Oops", "plain words");
        var error = (await invocation).Error!;

        Assert.Equal("plain words", Encoding.UTF8.GetString(error.Body.Span));
        Assert.Null(error.ErrorMessage);
        Assert.Empty(error.StackTrace);
    }

    [Fact]
    public async Task Response_AtTheLimit_IsAccepted()
    {
        var invocation = Invoke("{}", new InvocationOptions { RequestId = "req-max" });
        await NextAsync();

        using var response = await _http.PostAsync("invocation/req-max/response", new ByteArrayContent(new byte[LocalRuntimeOptions.DefaultMaxResponseBytes]), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(LocalRuntimeOptions.DefaultMaxResponseBytes, (await invocation).Payload.Length);
    }

    [Fact]
    public async Task Response_OverTheLimit_Is413AndFailsInvocationAsResponseSizeTooLarge()
    {
        var invocation = Invoke("{}", new InvocationOptions { RequestId = "req-big" });
        await NextAsync();

        using var response = await _http.PostAsync("invocation/req-big/response", new ByteArrayContent(new byte[LocalRuntimeOptions.DefaultMaxResponseBytes + 1]), Ct);
        var result = await invocation;
        using var lateError = await PostErrorAsync("invocation/req-big/error", "Function.X", "{}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("RequestEntityTooLarge", body.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(InvocationStatus.Error, result.Status);
        Assert.Equal("Function.ResponseSizeTooLarge", result.Error!.ErrorType);
        Assert.Equal(HttpStatusCode.Forbidden, lateError.StatusCode);
    }

    [Fact]
    public async Task Response_UnknownRequestIdWhileOneIsInFlight_Is400InvalidRequestId()
    {
        var invocation = Invoke("{}", new InvocationOptions { RequestId = "req-real" });
        await NextAsync();

        using var wrong = await PostResponseAsync("req-other", "{}");
        using var right = await PostResponseAsync("req-real", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using var body = JsonDocument.Parse(await wrong.Content.ReadAsStringAsync(Ct));
        Assert.Equal("InvalidRequestID", body.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(HttpStatusCode.Accepted, right.StatusCode);
        Assert.True((await invocation).Succeeded);
    }

    [Fact]
    public async Task Response_NothingInFlight_Is403InvalidStateTransition()
    {
        using var response = await PostResponseAsync("req-none", "{}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("InvalidStateTransition", body.RootElement.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Invoke_NoAnswerBeforeTimeout_TimesOutAndRefusesLateResponse()
    {
        var invocation = Invoke("{}", new InvocationOptions { RequestId = "req-slow", Timeout = TimeSpan.FromMilliseconds(200) });
        await NextAsync();

        var result = await invocation;
        using var late = await PostResponseAsync("req-slow", "{}");

        Assert.Equal(InvocationStatus.TimedOut, result.Status);
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
    }

    [Fact]
    public async Task Invoke_Cancelled_IsWithdrawnAndNotDelivered()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var withdrawn = _server.InvokeAsync("\"first\""u8.ToArray(), null, cancel.Token);
        await cancel.CancelAsync();
        await Task.WhenAny(withdrawn);
        Assert.True(withdrawn.IsCanceled);
        var second = Invoke("\"second\"", new InvocationOptions { RequestId = "req-second" });

        using var next = await _http.GetAsync("invocation/next", Ct);

        Assert.Equal("\"second\"", await next.Content.ReadAsStringAsync(Ct));
        await PostResponseAsync("req-second", "{}");
        await second;
    }

    [Fact]
    public async Task InitError_Posted_FailsWaitingAndLaterInvocations()
    {
        var waiting = Invoke("{}", new InvocationOptions { RequestId = "req-w" });

        using var response = await PostErrorAsync("init/error", "Runtime.InitError", """{"errorMessage":"DEAD_LETTER_QUEUE_URL is not set","errorType":"InitializationException","stackTrace":[]}""");
        var initError = await _server.WaitForInitErrorAsync(Ct).WaitAsync(WaitLimit, Ct);
        var first = await waiting;
        var later = await Invoke("{}", null);
        using var again = await PostErrorAsync("init/error", "Runtime.InitError", "{}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Runtime.InitError", initError.ErrorType);
        Assert.Equal("DEAD_LETTER_QUEUE_URL is not set", initError.ErrorMessage);
        Assert.Same(initError, _server.InitError);
        Assert.Equal(InvocationStatus.Error, first.Status);
        Assert.Equal("DEAD_LETTER_QUEUE_URL is not set", first.Error!.ErrorMessage);
        Assert.Equal(InvocationStatus.Error, later.Status);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
    }

    [Fact]
    public async Task WaitForRuntime_RuntimePollsNext_Completes()
    {
        var ready = _server.WaitForRuntimeAsync(Ct);
        Assert.False(ready.IsCompleted);
        using var poll = new CancellationTokenSource();
        var next = _http.GetAsync("invocation/next", poll.Token);

        await ready.WaitAsync(WaitLimit, Ct);
        await poll.CancelAsync();
        await Task.WhenAny(next);
        Assert.True(next.IsCanceled);
    }

    [Fact]
    public async Task Dispose_RuntimeWaitingInNext_Gets500()
    {
        var next = _http.GetAsync("invocation/next", Ct);
        await _server.WaitForRuntimeAsync(Ct).WaitAsync(WaitLimit, Ct);

        await _server.DisposeAsync();
        using var response = await next.WaitAsync(WaitLimit, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    private Task<InvocationResult> Invoke(string payload, InvocationOptions? options) =>
        _server.InvokeAsync(Encoding.UTF8.GetBytes(payload), options, Ct).WaitAsync(WaitLimit, Ct);

    private async Task NextAsync()
    {
        using var next = await _http.GetAsync("invocation/next", Ct).WaitAsync(WaitLimit, Ct);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    private Task<HttpResponseMessage> PostResponseAsync(string requestId, string body) =>
        _http.PostAsync($"invocation/{requestId}/response", new StringContent(body), Ct);

    private Task<HttpResponseMessage> PostErrorAsync(string path, string? errorType, string body)
    {
        var content = new StringContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.aws.lambda.error+json");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", errorType);
        }

        return _http.SendAsync(request, Ct);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}
