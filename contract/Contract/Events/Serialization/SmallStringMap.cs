using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Contract.Events.Serialization;

/// <summary>
/// The JMS properties of one message when they are few, as a message carries (the forwarder's provenance and a
/// handful of the producer's): pairs in the order read, looked up ordinally one after the other. A 10,000-message
/// event holds 10,000 of these, where a <see cref="Dictionary{TKey, TValue}"/> costs its buckets and entries each.
/// Read-only once built; <see cref="StringPropertiesConverter"/> builds it, and a larger set as a dictionary.
/// </summary>
internal sealed class SmallStringMap : IReadOnlyDictionary<string, string>
{
    /// <summary>The most pairs held; past it, a lookup one by one would cost more than a dictionary's.</summary>
    public const int MaxCount = 8;

    private KeyValuePair<string, string>[] _pairs = new KeyValuePair<string, string>[2];

    public int Count { get; private set; }

    public IEnumerable<string> Keys => this.Select(pair => pair.Key);

    public IEnumerable<string> Values => this.Select(pair => pair.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The property '{key}' is not present.");

    /// <summary>Sets <paramref name="key"/> (a later value replaces an earlier one, as in a dictionary); false when full and it is a new key.</summary>
    public bool TrySet(string key, string value)
    {
        var index = IndexOf(key);
        if (index >= 0)
        {
            _pairs[index] = new(key, value);
            return true;
        }

        if (Count == MaxCount)
        {
            return false;
        }

        if (Count == _pairs.Length)
        {
            Array.Resize(ref _pairs, Math.Min(MaxCount, _pairs.Length * 2));
        }

        _pairs[Count++] = new(key, value);
        return true;
    }

    /// <summary>The same pairs, in the same order, as a dictionary: for a set past <see cref="MaxCount"/>.</summary>
    public Dictionary<string, string> ToDictionary()
    {
        var dictionary = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in this)
        {
            dictionary[key] = value;
        }

        return dictionary;
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _pairs[index].Value : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _pairs[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(_pairs[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
