using Microsoft.Extensions.Logging;

namespace Functions.Runtime.Logging;

/// <summary>A category's logger; all formatting and writing is done by its provider.</summary>
internal sealed class LambdaLogger(string category, LambdaLoggerProvider provider) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider.MinimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            provider.Write(category, logLevel, eventId, state as IReadOnlyList<KeyValuePair<string, object?>>, formatter(state, exception), exception);
        }
    }
}
