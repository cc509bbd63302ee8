namespace Forwarder.Configuration;

/// <summary>A path to a file that exists, when one is given.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ExistingFileAttribute : SettingRuleAttribute
{
    protected override string? Problem(object? value) =>
        value is string { Length: > 0 } file && !File.Exists(file) ? $"file '{file}' does not exist" : null;
}
