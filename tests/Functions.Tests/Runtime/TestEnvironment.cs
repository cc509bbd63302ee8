using System.Collections.Concurrent;

namespace Functions.Tests.RuntimeHost;

/// <summary>An environment in a dictionary, so host tests never touch the process environment.</summary>
internal sealed class TestEnvironment(IEnumerable<KeyValuePair<string, string>>? initial = null) : IEnvironmentVariables
{
    private readonly ConcurrentDictionary<string, string> _values = new(initial ?? [], StringComparer.Ordinal);

    public string? GetVariable(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public void SetVariable(string name, string? value)
    {
        if (value is null)
        {
            _values.TryRemove(name, out _);
        }
        else
        {
            _values[name] = value;
        }
    }
}
