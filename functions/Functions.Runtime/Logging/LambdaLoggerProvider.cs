using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Functions.Runtime.Runtime;
using Microsoft.Extensions.Logging;

namespace Functions.Runtime.Logging;

/// <summary>
/// Writes log lines to stdout the way Lambda expects from a custom runtime: text by default, one JSON object per
/// line when <c>AWS_LAMBDA_LOG_FORMAT=JSON</c>, filtered by <c>AWS_LAMBDA_LOG_LEVEL</c>. Each line carries the
/// current invocation's request id. JSON is written with <see cref="Utf8JsonWriter"/> (no reflection, AOT safe).
/// </summary>
/// <remarks>Thread-safe: each line is formatted and written whole under a lock, so lines never interleave.</remarks>
public sealed class LambdaLoggerProvider : ILoggerProvider, ILogLineWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Case-insensitive: Lambda's level filter must not mistake a "Level" field for the line's level.
    private static readonly HashSet<string> StandardNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "timestamp", "level", "requestId", "traceId", "message", "category", "eventId", "eventName",
    };

    private static readonly HashSet<string> ExceptionNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "errorType", "errorMessage", "stackTrace",
    };

    private readonly ConcurrentDictionary<string, LambdaLogger> _loggers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Stream _output;
    private readonly TimeProvider _timeProvider;

    public LambdaLoggerProvider(LambdaLogFormat format, LogLevel minimumLevel, Stream output, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        Format = format;
        MinimumLevel = minimumLevel;
        _output = output;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public LambdaLogFormat Format { get; }

    public LogLevel MinimumLevel { get; }

    /// <summary>The request id of the invocation in progress; the host sets it, lines outside an invocation have none.</summary>
    public string? RequestId { get; set; }

    /// <summary>The trace id of the invocation in progress (JSON lines only).</summary>
    public string? TraceId { get; set; }

    /// <summary>A provider configured from <c>AWS_LAMBDA_LOG_FORMAT</c> and <c>AWS_LAMBDA_LOG_LEVEL</c>.</summary>
    public static LambdaLoggerProvider FromEnvironment(IEnvironmentVariables environment, Stream output, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new LambdaLoggerProvider(
            LambdaLogLevels.ParseFormat(environment.GetVariable("AWS_LAMBDA_LOG_FORMAT")),
            LambdaLogLevels.Parse(environment.GetVariable("AWS_LAMBDA_LOG_LEVEL")),
            output,
            timeProvider);
    }

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, name => new LambdaLogger(name, this));

    /// <summary>An <see cref="ILoggerFactory"/> whose loggers all write through this provider.</summary>
    public ILoggerFactory CreateLoggerFactory() => new LambdaLoggerFactory(this);

    public void Dispose()
    {
        lock (_gate)
        {
            _output.Flush();
        }
    }

    /// <inheritdoc/>
    public void WriteLine(ReadOnlySpan<byte> utf8Line)
    {
        lock (_gate)
        {
            _output.Write(utf8Line);
            _output.Write("\n"u8);
            _output.Flush();
        }
    }

    internal void Write(string category, LogLevel level, EventId eventId, IReadOnlyList<KeyValuePair<string, object?>>? fields, string message, Exception? exception)
    {
        var timestamp = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            _buffer.ResetWrittenCount();
            if (Format == LambdaLogFormat.Json)
            {
                WriteJson(timestamp, category, level, eventId, fields, message, exception);
            }
            else
            {
                WriteText(timestamp, level, message, exception);
            }

            _buffer.Write("\n"u8);
            _output.Write(_buffer.WrittenSpan);
            _output.Flush();
        }
    }

    private void WriteText(DateTimeOffset timestamp, LogLevel level, string message, Exception? exception)
    {
        var line = new StringBuilder(message.Length + 96)
            .Append(timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append('\t')
            .Append(RequestId).Append('\t')
            .Append(LambdaLogLevels.Name(level)).Append('\t')
            .Append(message);
        if (exception is not null)
        {
            line.Append('\n').Append(exception);
        }

        // Lambda makes one log event per '\n'; '\r' keeps a multi-line message (a stack trace) in one event,
        // as AWS's own runtimes do.
        line.Replace("\r\n", "\r").Replace('\n', '\r');
        Encoding.UTF8.GetBytes(line.ToString(), _buffer);
    }

    private void WriteJson(DateTimeOffset timestamp, string category, LogLevel level, EventId eventId, IReadOnlyList<KeyValuePair<string, object?>>? fields, string message, Exception? exception)
    {
        using var writer = new Utf8JsonWriter(_buffer, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        writer.WriteString("level", LambdaLogLevels.Name(level));
        if (RequestId is { } requestId)
        {
            writer.WriteString("requestId", requestId);
        }

        if (TraceId is { } traceId)
        {
            writer.WriteString("traceId", traceId);
        }

        writer.WriteString("message", message);
        writer.WriteString("category", category);
        if (eventId.Id != 0)
        {
            writer.WriteNumber("eventId", eventId.Id);
        }

        if (eventId.Name is { } eventName)
        {
            writer.WriteString("eventName", eventName);
        }

        if (fields is not null)
        {
            foreach (var (name, value) in fields)
            {
                if (name != "{OriginalFormat}")
                {
                    // A template placeholder named like a key this line already has must not produce a duplicate key.
                    var taken = StandardNames.Contains(name) || (exception is not null && ExceptionNames.Contains(name));
                    writer.WritePropertyName(taken ? "field_" + name : name);
                    WriteValue(writer, value);
                }
            }
        }

        if (exception is not null)
        {
            writer.WriteString("errorType", exception.GetType().FullName);
            writer.WriteString("errorMessage", exception.Message);
            writer.WriteStartArray("stackTrace");
            foreach (var frame in ErrorReport.StackLines(exception))
            {
                writer.WriteStringValue(frame);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int or long or short or byte or sbyte or uint or ushort:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong number:
                writer.WriteNumberValue(number);
                break;
            case double number when double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case float number when float.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case DateTimeOffset time:
                writer.WriteStringValue(time);
                break;
            case DateTime time:
                writer.WriteStringValue(time);
                break;
            case TimeSpan span:
                writer.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
