using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Forwarder.Configuration;

/// <summary>
/// One setting of <see cref="ForwarderOptions"/> as its <see cref="SettingAttribute"/> describes it, with its default
/// (the property's initial value) and the parsing of its command-line and short-variable values.
/// </summary>
internal sealed class ForwarderSetting
{
    private readonly PropertyInfo _property;
    private readonly SettingAttribute _attribute;

    private ForwarderSetting(PropertyInfo property, SettingAttribute attribute)
    {
        _property = property;
        _attribute = attribute;
        DefaultText = Describe(property.GetValue(new ForwarderOptions()));
    }

    /// <summary>Every setting, in declaration order.</summary>
    public static IReadOnlyList<ForwarderSetting> All { get; } =
    [
        .. typeof(ForwarderOptions).GetProperties()
            .OrderBy(p => p.MetadataToken)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<SettingAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => new ForwarderSetting(p.Property, p.Attribute!)),
    ];

    /// <summary>The name under <c>Forwarder:</c> in the configuration.</summary>
    public string Key => _property.Name;

    public string Description => _attribute.Description;

    public string? Option => _attribute.Option;

    public string? EnvVar => _attribute.EnvVar;

    /// <summary>The setting's former name, still read from the configuration.</summary>
    public string? Alias => _attribute.Alias;

    /// <summary>A list or a map: the option repeats and the variable takes comma-separated values (a map's as SRC=DST).</summary>
    public bool Repeatable => _property.PropertyType == typeof(List<string>) || _property.PropertyType == typeof(Dictionary<string, string>);

    /// <summary>The default as the help shows it; null when the setting starts empty.</summary>
    public string? DefaultText { get; }

    public static ForwarderSetting Named(string key) => All.First(s => s.Key == key);

    /// <summary>The value <paramref name="options"/> holds, as the help would show it; null when empty.</summary>
    public string? ValueText(ForwarderOptions options) => Describe(_property.GetValue(options));

    /// <summary>Sets the value given on the command line or by the short variable.</summary>
    /// <exception cref="FormatException">the text is not a value of the setting's type.</exception>
    public void Apply(ForwarderOptions options, IReadOnlyList<string> values)
    {
        _property.SetValue(options, Parse(values));
        if (_attribute.Replaces is { } replaced)
        {
            typeof(ForwarderOptions).GetProperty(replaced)!.SetValue(options, null);
        }
    }

    /// <summary>Takes the value under the former name when the configuration has only that one.</summary>
    public void ApplyAlias(IConfiguration section, ForwarderOptions options)
    {
        if (_attribute.Alias is { } alias && section.GetSection(Key).Value is null && section.GetSection(alias).Value is not null)
        {
            _property.SetValue(options, section.GetValue(_property.PropertyType, alias));
        }
    }

    private object Parse(IReadOnlyList<string> values)
    {
        var type = _property.PropertyType;
        var text = values[0];
        return type switch
        {
            _ when type == typeof(List<string>) => values.ToList(),
            _ when type == typeof(Dictionary<string, string>) => ParsePairs(values),
            _ when type == typeof(string) => text,
            _ when type == typeof(int) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw new FormatException($"'{text}' is not a whole number"),
            { IsEnum: true } => Enum.TryParse(type, text, ignoreCase: true, out var value)
                ? value
                : throw new FormatException($"'{text}' is not {string.Join(" or ", Enum.GetNames(type))}"),
            _ => throw new InvalidOperationException($"{Key}: a {type.Name} cannot be given on the command line"),
        };
    }

    /// <summary><c>SRC=DST</c> pairs; a source given twice is refused rather than one of them silently kept.</summary>
    private static Dictionary<string, string> ParsePairs(IReadOnlyList<string> values)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == value.Length - 1)
            {
                throw new FormatException($"'{value}' is not SRC=DST (a source queue, '=', a target queue)");
            }

            if (!pairs.TryAdd(value[..equals].Trim(), value[(equals + 1)..].Trim()))
            {
                throw new FormatException($"'{value[..equals].Trim()}' is mapped twice");
            }
        }

        return pairs;
    }

    private static string? Describe(object? value) => value switch
    {
        null or "" or System.Collections.ICollection { Count: 0 } => null,
        bool b => b ? "true" : "false",
        IDictionary<string, string> map => string.Join(",", map.Select(p => $"{p.Key}={p.Value}")),
        IEnumerable<string> list => string.Join(",", list),
        TimeSpan t => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds} s"),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
