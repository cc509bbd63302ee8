using Functions.Tests.RuntimeHost;

namespace Functions.Tests.Processing;

/// <summary>A <see cref="BatchProcessor"/> over a fake clock, an in-memory store and a recording sink.</summary>
internal sealed class ProcessorHarness
{
    private readonly IMessageDispatcher _dispatcher;

    public ProcessorHarness(IMessageDispatcher dispatcher, TimeSpan? timeout = null, TimeSpan? safetyMargin = null)
    {
        _dispatcher = dispatcher;
        Store = new InMemoryIdempotencyStore(new IdempotencyOptions(), Time);
        Options = new ProcessingOptions { HandlerName = "test", SafetyMargin = safetyMargin ?? TimeSpan.FromSeconds(3) };
        Timeout = timeout ?? TimeSpan.FromSeconds(60);
        Processor = ProcessorWith(Store);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public InMemoryIdempotencyStore Store { get; }

    public RecordingDeadLetterSink Sink { get; } = new();

    public ProcessingOptions Options { get; }

    public TimeSpan Timeout { get; }

    public BatchProcessor Processor { get; }

    /// <summary>The metrics lines the processor wrote, one per invocation.</summary>
    public RecordingLogLines MetricsLines { get; } = new();

    /// <summary>
    /// A processor like <see cref="Processor"/>, over <paramref name="store"/> instead, and writing its metrics with
    /// <paramref name="metrics"/> when given.
    /// </summary>
    public BatchProcessor ProcessorWith(IIdempotencyStore store, BatchMetrics? metrics = null) =>
        new(_dispatcher, store, Sink, DefaultExceptionClassifier.Instance, Options,
            metrics ?? new BatchMetrics(MetricsLines, LogLevel.Information, "test", Time), Time);

    /// <summary>The bootstrap's handler <paramref name="name"/>, as <c>_HANDLER</c> selects it.</summary>
    public static ProcessorHarness ForHandler(string name) => new(FunctionHandlers.Registry.Create(name, new LambdaHostEnvironment
    {
        RuntimeApi = "127.0.0.1:9001",
        HandlerName = name,
        FunctionName = "test",
        FunctionVersion = "$LATEST",
        MemoryLimitInMB = 512,
        LogGroupName = "/aws/lambda/test",
        LogStreamName = "stream",
        LogFormat = LambdaLogFormat.Text,
        LogLevel = LogLevel.Information,
        LoggerFactory = NullLoggerFactory.Instance,
        LogLines = new RecordingLogLines(),
        TimeProvider = TimeProvider.System,
        Variables = new TestEnvironment(),
    }));

    /// <summary>A handler of text bodies.</summary>
    public static ProcessorHarness ForText(Func<string, MessageContext, CancellationToken, ValueTask<HandlerResult>> handle, out DelegateHandler<string> handler,
        TimeSpan? timeout = null, TimeSpan? safetyMargin = null)
    {
        handler = new DelegateHandler<string>(handle);
        return new ProcessorHarness(new MessageDispatcher<string>(BodyDecoders.Text, handler), timeout, safetyMargin);
    }

    public TestLambdaContext NewContext(string requestId = "req-1") => new(Time, Time.GetUtcNow() + Timeout) { AwsRequestId = requestId };

    public async Task<(BatchSummary? Summary, FunctionErrorException? Error, TestLambdaContext Context)> InvokeAsync(byte[] payload, string requestId = "req-1")
    {
        var context = NewContext(requestId);
        try
        {
            var response = await Processor.InvokeAsync(payload, context, Ct);
            var summary = System.Text.Json.JsonSerializer.Deserialize(response.Span, FunctionsJsonContext.Default.BatchSummary);
            return (summary, null, context);
        }
        catch (FunctionErrorException ex)
        {
            return (null, ex, context);
        }
    }
}
