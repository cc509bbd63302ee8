namespace Functions.Tests.RuntimeHost;

public sealed class LambdaLoggerProviderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 13, 30, 15, 123, TimeSpan.Zero);

    [Fact]
    public void Log_TextFormat_WritesTimestampRequestIdLevelMessage()
    {
        using var log = new CapturedLog(LambdaLogFormat.Text);
        log.Provider.RequestId = "req-1";

        log.Provider.CreateLogger("Cat").Processed(3, "orders");

        Assert.Equal("2026-11-25T13:30:15.123Z\treq-1\tINFO\tProcessed 3 messages from orders", Assert.Single(log.Output.Lines));
    }

    [Fact]
    public void Log_TextFormatWithException_KeepsOneLine()
    {
        using var log = new CapturedLog(LambdaLogFormat.Text);
        log.Provider.CreateLogger("Cat").Failed("ID:1", Thrown());

        var line = Assert.Single(log.Output.Lines);
        Assert.StartsWith("2026-11-25T13:30:15.123Z\t\tERROR\tMessage ID:1 failed\rSystem.InvalidOperationException: boom", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_JsonFormat_WritesOneObjectWithStandardAndTemplateFields()
    {
        using var log = new CapturedLog(LambdaLogFormat.Json);
        log.Provider.RequestId = "req-2";
        log.Provider.TraceId = "Root=1-abc";

        log.Provider.CreateLogger("Orders").Processed(3, "orders");

        using var line = JsonDocument.Parse(Assert.Single(log.Output.Lines));
        var root = line.RootElement;
        Assert.Equal("2026-11-25T13:30:15.123Z", root.GetProperty("timestamp").GetString());
        Assert.Equal("INFO", root.GetProperty("level").GetString());
        Assert.Equal("req-2", root.GetProperty("requestId").GetString());
        Assert.Equal("Root=1-abc", root.GetProperty("traceId").GetString());
        Assert.Equal("Processed 3 messages from orders", root.GetProperty("message").GetString());
        Assert.Equal("Orders", root.GetProperty("category").GetString());
        Assert.Equal(1, root.GetProperty("eventId").GetInt32());
        Assert.Equal(3, root.GetProperty("Count").GetInt32());
        Assert.Equal("orders", root.GetProperty("Queue").GetString());
        Assert.False(root.TryGetProperty("{OriginalFormat}", out _));
    }

    [Fact]
    public void Log_JsonFormatWithException_WritesErrorFields()
    {
        using var log = new CapturedLog(LambdaLogFormat.Json);
        log.Provider.CreateLogger("Cat").Failed("ID:1", Thrown());

        using var line = JsonDocument.Parse(Assert.Single(log.Output.Lines));
        var root = line.RootElement;
        Assert.Equal("ERROR", root.GetProperty("level").GetString());
        Assert.False(root.TryGetProperty("requestId", out _));
        Assert.Equal("System.InvalidOperationException", root.GetProperty("errorType").GetString());
        Assert.Equal("boom", root.GetProperty("errorMessage").GetString());
        Assert.NotEqual(0, root.GetProperty("stackTrace").GetArrayLength());
    }

    [Fact]
    public void Log_JsonFieldNamedLikeStandardKey_DoesNotDuplicateKey()
    {
        using var log = new CapturedLog(LambdaLogFormat.Json, LogLevel.Debug);
        log.Provider.CreateLogger("Cat").Detail("x", "y");

        using var line = JsonDocument.Parse(Assert.Single(log.Output.Lines));
        Assert.Equal("DEBUG", line.RootElement.GetProperty("level").GetString());
        Assert.Equal("x", line.RootElement.GetProperty("field_Level").GetString());
        Assert.Equal("y", line.RootElement.GetProperty("field_Message").GetString());
        Assert.Equal(1, line.RootElement.EnumerateObject().Count(p => p.Name == "level"));
    }

    [Fact]
    public void Log_JsonFieldNamedLikeExceptionKey_RenamedOnlyWhenExceptionPresent()
    {
        using var log = new CapturedLog(LambdaLogFormat.Json);
        var logger = log.Provider.CreateLogger("Cat");
        logger.Outcome("Function.X", null);
        logger.Outcome("Function.Y", Thrown());

        using var plain = JsonDocument.Parse(log.Output.Lines[0]);
        using var withException = JsonDocument.Parse(log.Output.Lines[1]);
        Assert.Equal("Function.X", plain.RootElement.GetProperty("ErrorType").GetString());
        Assert.Equal("Function.Y", withException.RootElement.GetProperty("field_ErrorType").GetString());
        Assert.Equal("System.InvalidOperationException", withException.RootElement.GetProperty("errorType").GetString());
    }

    [Theory]
    [InlineData("TRACE", 6)]
    [InlineData("debug", 5)]
    [InlineData("INFO", 4)]
    [InlineData(null, 4)]
    [InlineData("nonsense", 4)]
    [InlineData("WARN", 3)]
    [InlineData("ERROR", 2)]
    [InlineData("FATAL", 1)]
    public void Log_LevelFromEnvironment_FiltersLowerLevels(string? level, int expectedLines)
    {
        var environment = new TestEnvironment(level is null ? [] : [new("AWS_LAMBDA_LOG_LEVEL", level)]);
        using var output = new LogCapture();
        using var provider = LambdaLoggerProvider.FromEnvironment(environment, output, new FakeTimeProvider(Now));
        var logger = provider.CreateLogger("Cat");

        foreach (var logLevel in new[] { LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical })
        {
#pragma warning disable CA2254 // A fixed template: the level is what is tested.
            logger.Log(logLevel, "at level");
#pragma warning restore CA2254
        }

        Assert.Equal(expectedLines, output.Lines.Count);
    }

    [Theory]
    [InlineData("JSON", LambdaLogFormat.Json)]
    [InlineData("json", LambdaLogFormat.Json)]
    [InlineData("Text", LambdaLogFormat.Text)]
    [InlineData(null, LambdaLogFormat.Text)]
    public void FromEnvironment_LogFormat_IsParsed(string? format, LambdaLogFormat expected)
    {
        var environment = new TestEnvironment(format is null ? [] : [new("AWS_LAMBDA_LOG_FORMAT", format)]);
        using var output = new LogCapture();
        using var provider = LambdaLoggerProvider.FromEnvironment(environment, output);

        Assert.Equal(expected, provider.Format);
    }

    [Theory]
    [InlineData(LogLevel.Trace, "TRACE")]
    [InlineData(LogLevel.Information, "INFO")]
    [InlineData(LogLevel.Warning, "WARN")]
    [InlineData(LogLevel.Critical, "FATAL")]
    public void Name_Level_IsLambdaName(LogLevel level, string expected)
    {
        Assert.Equal(expected, LambdaLogLevels.Name(level));
    }

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("boom");
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }

    /// <summary>A provider at <see cref="Now"/> writing into <see cref="Output"/>; disposes the output, then the provider.</summary>
    private sealed class CapturedLog : IDisposable
    {
        public CapturedLog(LambdaLogFormat format, LogLevel minimum = LogLevel.Information) =>
            Provider = new LambdaLoggerProvider(format, minimum, Output, new FakeTimeProvider(Now));

        public LogCapture Output { get; } = new();

        public LambdaLoggerProvider Provider { get; }

        public void Dispose()
        {
            Output.Dispose();
            Provider.Dispose();
        }
    }
}
