using System.Globalization;

namespace Forwarder.Configuration;

/// <summary>A number from <see cref="Minimum"/> to <see cref="Maximum"/>, both included.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class BetweenAttribute(double minimum, double maximum) : SettingRuleAttribute
{
    public double Minimum { get; } = minimum;

    public double Maximum { get; } = maximum;

    protected override string? Problem(object? value)
    {
        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        return number < Minimum || number > Maximum
            ? string.Create(CultureInfo.InvariantCulture, $"{value} must be between {Minimum} and {Maximum}")
            : null;
    }
}
