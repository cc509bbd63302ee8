using System.Globalization;
using Microsoft.Extensions.Logging;

namespace LocalPipeline.Reporting;

/// <summary>
/// Writes every log line of the in-process components (event source, STOMP client) to one file, so the console
/// stays free for the live counts. Thread-safe.
/// </summary>
internal sealed class FileLoggerFactory(string path, LogLevel minimum) : ILoggerFactory
{
    private readonly LogLevel _minimum = minimum;
    private readonly TextWriter _writer = TextWriter.Synchronized(new StreamWriter(path, append: true) { AutoFlush = true });

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("FileLoggerFactory has one fixed sink");

    public void Dispose() => _writer.Dispose();

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {level,-11} {category}: {message}");
        _writer.WriteLine(exception is null ? line : line + Environment.NewLine + exception);
    }

    private sealed class FileLogger(FileLoggerFactory factory, string category) : ILogger
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
