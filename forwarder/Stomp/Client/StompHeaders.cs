using System.Collections;

namespace Stomp;

/// <summary>
/// The headers of a frame in wire order, unescaped. A name may repeat; as STOMP 1.2 says, the first one counts for
/// lookups, while enumeration yields all of them.
/// </summary>
public sealed class StompHeaders : IReadOnlyList<KeyValuePair<string, string>>
{
    private readonly KeyValuePair<string, string>[] _items;

    public StompHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _items = [.. headers];
    }

    public static StompHeaders Empty { get; } = new([]);

    public int Count => _items.Length;

    public KeyValuePair<string, string> this[int index] => _items[index];

    /// <summary>The first value of <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public string this[string name] =>
        TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"no '{name}' header");

    public bool TryGetValue(string name, out string value)
    {
        foreach (var (k, v) in _items)
        {
            if (string.Equals(k, name, StringComparison.Ordinal))
            {
                value = v;
                return true;
            }
        }

        value = "";
        return false;
    }

    public string? GetValueOrDefault(string name) => TryGetValue(name, out var value) ? value : null;

    public bool Contains(string name) => TryGetValue(name, out _);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
