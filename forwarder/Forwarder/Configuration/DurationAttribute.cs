using System.Globalization;

namespace Forwarder.Configuration;

/// <summary>A positive time span, or with <see cref="AllowZero"/> one that is not negative.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class DurationAttribute : SettingRuleAttribute
{
    public bool AllowZero { get; set; }

    protected override string? Problem(object? value) => value switch
    {
        TimeSpan t when t < TimeSpan.Zero || (t == TimeSpan.Zero && !AllowZero) =>
            string.Create(CultureInfo.InvariantCulture, $"{t} must be {(AllowZero ? "zero or positive" : "positive")}"),
        _ => null,
    };
}
