namespace Functions.Tests.Processing;

/// <summary>Keeps every line written past the log filter.</summary>
internal sealed class RecordingLogLines : ILogLineWriter
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void WriteLine(ReadOnlySpan<byte> utf8Line)
    {
        var line = Encoding.UTF8.GetString(utf8Line);
        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
