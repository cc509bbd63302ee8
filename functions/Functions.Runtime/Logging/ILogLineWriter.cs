namespace Functions.Runtime.Logging;

/// <summary>
/// Writes whole lines to the function's log as they are, past the level filter: for lines that must never be
/// dropped, such as Embedded Metric Format documents. Thread-safe; lines never interleave with log lines.
/// </summary>
public interface ILogLineWriter
{
    /// <summary>Writes <paramref name="utf8Line"/> (one JSON object, no line break) and a line break.</summary>
    void WriteLine(ReadOnlySpan<byte> utf8Line);
}
