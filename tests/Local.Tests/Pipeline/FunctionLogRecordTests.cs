using Functions.Runtime.Logging;
using Microsoft.Extensions.Logging;

namespace Local.Tests.Pipeline;

public sealed partial class FunctionLogRecordTests
{
    [Fact]
    public void TryParse_RecordOfTheFunctionsJsonLogger_ReadsEventIdAndFields()
    {
        var line = Logged(logger => MessageSkipped(logger, "ID:cloud-1", "ID:vm-1-1:1:1:1:1"));

        var record = FunctionLogRecord.TryParse(line);

        Assert.NotNull(record);
        Assert.Equal((FunctionLogRecord.MessageSkipped, "ID:cloud-1", "ID:vm-1-1:1:1:1:1", "req-1"), (record.EventId, record.MessageId, record.OriginalId, record.RequestId));
        Assert.True(record.IsHandled);
    }

    [Fact]
    public void ToText_EscapedCharactersInJson_AreTheMessageAsLogged()
    {
        // JSON escapes characters outside the BMP (\uD83D\uDE80); function.log shows the message as the handler logged it.
        var line = Logged(logger => EchoReceived(logger, "ID:cloud-1", "ID:vm-1", "text order \U0001F680 ü"));

        var record = FunctionLogRecord.TryParse(line)!;

        Assert.False(record.IsHandled);
        Assert.Equal("2026-11-25T13:30:15.123Z\treq-1\tINFO\tEcho of ID:cloud-1 (original ID:vm-1): text order \U0001F680 ü", record.ToText());
    }

    [Theory]
    [InlineData("2026-11-25T13:24:49.852Z\treq\tINFO\tMessage ID:1 (original ID:2): processed")]
    [InlineData("Unhandled exception. System.InvalidOperationException: boom")]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("[1,2]")]
    public void TryParse_NotAJsonRecord_IsNull(string line) => Assert.Null(FunctionLogRecord.TryParse(line));

    [Fact]
    public void TryParse_RecordWithoutEventId_IsNotHandled()
    {
        var record = FunctionLogRecord.TryParse("""{"timestamp":"t","level":"INFO","message":"Message ID:1 (original ID:2): processed","eventId":"2001"}""");

        Assert.Equal((0, false), (record!.EventId, record.IsHandled));
    }

    private static string Logged(Action<ILogger> log)
    {
        using var output = new MemoryStream();
        using (var provider = new LambdaLoggerProvider(LambdaLogFormat.Json, LogLevel.Information, output, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 13, 30, 15, 123, TimeSpan.Zero))))
        {
            provider.RequestId = "req-1";
            log(provider.CreateLogger("Functions.Processing.BatchProcessor"));
        }

        return Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n');
    }

    // As functions/Functions/Log.cs declares them (event id, placeholders).
    [LoggerMessage(2002, LogLevel.Information, "Message {MessageId} (original {OriginalId}): already processed by an earlier delivery, skipped")]
    private static partial void MessageSkipped(ILogger logger, string messageId, string originalId);

    [LoggerMessage(4002, LogLevel.Information, "Echo of {MessageId} (original {OriginalId}): {Preview}")]
    private static partial void EchoReceived(ILogger logger, string messageId, string originalId, string preview);
}
