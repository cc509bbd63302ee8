using Forwarder.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace Forwarder.Cli;

/// <summary>Says where a bad value of the composed configuration came from, so an error can name it.</summary>
internal static class ConfigurationSources
{
    private const string Prefix = ForwarderOptions.SectionName + ":";

    /// <summary>
    /// <c>FORWARDER__*</c> variables that name no setting (a typo would otherwise be ignored, the default silently
    /// used). Only the variables: a configuration file may carry keys of other tools.
    /// </summary>
    public static IEnumerable<string> UnknownVariables(IConfigurationRoot configuration)
    {
        var known = typeof(ForwarderOptions).GetProperties().Select(p => p.Name)
            .Concat(ForwarderSetting.All.Select(s => s.Alias).OfType<string>())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var provider in configuration.Providers.OfType<EnvironmentVariablesConfigurationProvider>())
        {
            foreach (var key in provider.GetChildKeys([], ForwarderOptions.SectionName).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!known.Contains(key))
                {
                    yield return $"environment variable {Variable(ForwarderOptions.SectionName + ":" + key)}: '{key}' is not a setting of the {ForwarderOptions.SectionName} section (see forwarder/README.md)";
                }
            }
        }
    }

    /// <summary>
    /// Where the key a binding error names (<c>'Forwarder:BatchSize'</c> in <paramref name="message"/>) was set: the
    /// environment variable, else the configuration file.
    /// </summary>
    public static string Describe(IConfigurationRoot configuration, string message, string? configFile)
    {
        var key = configuration.GetSection(ForwarderOptions.SectionName).AsEnumerable()
            .Select(p => p.Key)
            .Where(k => k.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && message.Contains($"'{k}'", StringComparison.OrdinalIgnoreCase))
            .MaxBy(k => k.Length);
        var provider = key is null ? null : configuration.Providers.Reverse().FirstOrDefault(p => p.TryGet(key, out _));
        return provider is EnvironmentVariablesConfigurationProvider
            ? $"environment variable {Variable(key!)}"
            : $"configuration file {configFile ?? Path.Combine(AppContext.BaseDirectory, "appsettings.json")}";
    }

    /// <summary><c>Forwarder:BatchSize</c> as the variable that sets it, <c>FORWARDER__BATCHSIZE</c>.</summary>
    private static string Variable(string key) => key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant();
}
