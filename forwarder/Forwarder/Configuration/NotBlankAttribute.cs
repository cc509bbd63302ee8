namespace Forwarder.Configuration;

/// <summary>Text that is not empty or white space.</summary>
/// <param name="example">Shown in the message: what a good value looks like.</param>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class NotBlankAttribute(string example) : SettingRuleAttribute
{
    public string Example { get; } = example;

    protected override string? Problem(object? value) =>
        string.IsNullOrWhiteSpace(value as string) ? $"must not be empty ({Example})" : null;
}
