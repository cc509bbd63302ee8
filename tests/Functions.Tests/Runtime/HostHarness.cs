namespace Functions.Tests.RuntimeHost;

/// <summary>Our <see cref="LambdaHost"/> running in-process against a <see cref="LocalRuntimeServer"/>.</summary>
internal sealed class HostHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private HostHarness(LocalRuntimeServer server, TestEnvironment environment)
    {
        Server = server;
        Environment = environment;
    }

    public LocalRuntimeServer Server { get; }

    public TestEnvironment Environment { get; }

    public LogCapture Log { get; } = new();

    public Task<int> Exit { get; private set; } = Task.FromResult(-1);

    public static Task<HostHarness> StartAsync(IInvocationHandler handler, IReadOnlyDictionary<string, string>? variables = null, TimeProvider? timeProvider = null) =>
        StartAsync(_ => handler, variables, timeProvider);

    public static async Task<HostHarness> StartAsync(
        Func<LambdaHostEnvironment, IInvocationHandler> initialize,
        IReadOnlyDictionary<string, string>? variables = null,
        TimeProvider? timeProvider = null)
    {
        var server = await LocalRuntimeServer.StartAsync(Ct);
        var environment = new TestEnvironment(variables);
        environment.SetVariable("AWS_LAMBDA_RUNTIME_API", server.RuntimeApiAddress);
        var harness = new HostHarness(server, environment);
        var options = new LambdaHostOptions { Environment = environment, LogOutput = harness.Log, TimeProvider = timeProvider ?? TimeProvider.System };
        harness.Exit = Task.Run(() => LambdaHost.RunAsync(initialize, options, harness._stop.Token));
        return harness;
    }

    /// <summary>A bound for waits, so a broken loop fails the test instead of hanging it.</summary>
    public static TimeSpan WaitLimit { get; } = TimeSpan.FromSeconds(30);

    public Task<InvocationResult> InvokeAsync(string payload, InvocationOptions? options = null) =>
        Server.InvokeAsync(System.Text.Encoding.UTF8.GetBytes(payload), options, Ct)
            .WaitAsync(WaitLimit, Ct);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Exit.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            await Server.DisposeAsync();
            Log.Dispose();
            _stop.Dispose();
        }
    }
}
