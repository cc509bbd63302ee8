using System.Globalization;
using Microsoft.Extensions.Logging;

namespace LocalEventSource;

/// <summary>
/// Writes every log line to one text writer: the console for the standalone event source, a file for the pipeline
/// (whose console shows the live counts). Thread-safe. Disposing it disposes the writer.
/// </summary>
internal sealed class TextWriterLoggerFactory(TextWriter writer, LogLevel minimum) : ILoggerFactory
{
    private readonly LogLevel _minimum = minimum;
    private readonly TextWriter _writer = TextWriter.Synchronized(writer);

    /// <summary>Appends to the file at <paramref name="path"/>.</summary>
    public static TextWriterLoggerFactory ForFile(string path, LogLevel minimum) =>
        new(new StreamWriter(path, append: true) { AutoFlush = true }, minimum);

    public ILogger CreateLogger(string categoryName) => new TextWriterLogger(this, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("FileLoggerFactory has one fixed sink");

    public void Dispose() => _writer.Dispose();

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {level,-11} {category}: {message}");
        _writer.WriteLine(exception is null ? line : line + Environment.NewLine + exception);
    }

    private sealed class TextWriterLogger(TextWriterLoggerFactory factory, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= factory._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                factory.Write(category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}
