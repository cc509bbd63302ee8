using System.ComponentModel.DataAnnotations;

namespace Forwarder.Configuration;

/// <summary>
/// A rule on one setting, checked by the source-generated <see cref="ForwarderSettingRules"/>. Its message names the
/// setting and the value, as every configuration error does: <c>Forwarder:Prefetch: 0 must be at least 1</c>.
/// </summary>
internal abstract class SettingRuleAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        Problem(value) is { } problem
            ? new ValidationResult($"{ForwarderOptions.SectionName}:{validationContext.MemberName}: {problem}")
            : ValidationResult.Success;

    /// <summary>What is wrong with the value, or null when nothing is.</summary>
    protected abstract string? Problem(object? value);
}
