using System.Text;

namespace Harness;

/// <summary>Output lines collected as a child prints them, readable at any time from any thread.</summary>
internal sealed class CapturedOutput
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    public void Append(string line)
    {
        lock (_lock)
        {
            _text.Append(line).Append('\n');
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return _text.ToString();
        }
    }
}
