using System.Globalization;

namespace Forwarder.Configuration;

/// <summary>A whole number of at least <see cref="Value"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class MinimumAttribute(int value) : SettingRuleAttribute
{
    public int Value { get; } = value;

    /// <summary>What the number counts, added to the message.</summary>
    public string? Meaning { get; set; }

    protected override string? Problem(object? value) =>
        value is int n && n < Value
            ? string.Create(CultureInfo.InvariantCulture, $"{n} must be at least {Value}{(Meaning is null ? "" : $" ({Meaning})")}")
            : null;
}
