using System.Text.RegularExpressions;
using Forwarder.Configuration;

namespace Forwarder.Operations;

/// <summary>
/// The settings the agent runs with, as one line of <c>Key=value</c> pairs for the start-up log: every setting that
/// has a value, passwords never (only whether one is set), URIs without their user-info part.
/// </summary>
internal static partial class EffectiveConfiguration
{
    public static string Describe(ForwarderOptions options) => string.Join(" ", ForwarderSetting.All
        .Select(s => (s.Key, Value: s.ValueText(options)))
        .Where(s => s.Value is not null)
        .Select(s => $"{s.Key}={Redact(s.Key, s.Value!)}"));

    private static string Redact(string key, string value) =>
        IsSecret(key) ? "(set)" : UserInfo().Replace(value, string.Empty);

    // SourcePassword and TargetPassword; their *PasswordFile paths are not secret.
    private static bool IsSecret(string key) => key.EndsWith("Password", StringComparison.Ordinal);

    // user:password@ after a scheme, also inside static:(…) and masterslave:(…) lists.
    [GeneratedRegex(@"(?<=://)[^/@\s,()]+@")]
    private static partial Regex UserInfo();
}
