using System.Collections;
using Forwarder.Configuration;
using Microsoft.Extensions.Configuration;

namespace Forwarder.Cli;

/// <summary>
/// Composes the configuration, lowest priority first: <c>appsettings.json</c> next to the binary, the config file
/// (<c>--config</c>, <c>FORWARDER_CONFIG</c>, else <c>/etc/mq-forwarder/appsettings.json</c> when present),
/// <c>FORWARDER__*</c> environment variables, the short <c>FORWARDER_*</c> variables, the command line.
/// </summary>
internal sealed class SettingsLoader
{
    public const string DefaultConfigFile = "/etc/mq-forwarder/appsettings.json";

    // The short variables and the command line, in the settings' order: a setting that replaces another comes
    // after it (a password file after the password).
    private readonly List<(ForwarderSetting Setting, IReadOnlyList<string> Values)> _overrides = [];

    public SettingsLoader(string? configFile, IDictionary environment, IReadOnlyDictionary<string, IReadOnlyList<string>> commandLine)
    {
        ConfigFile = configFile ?? environment["FORWARDER_CONFIG"] as string;
        if (string.IsNullOrEmpty(ConfigFile) && File.Exists(DefaultConfigFile))
        {
            ConfigFile = DefaultConfigFile;
        }

        foreach (var setting in ForwarderSetting.All)
        {
            if (setting.Option is not null && commandLine.TryGetValue(setting.Option, out var values) && values.Count > 0)
            {
                _overrides.Add((setting, values));
            }
            else if (setting.EnvVar is not null && environment[setting.EnvVar] is string value && value.Length > 0)
            {
                _overrides.Add((setting, setting.Repeatable
                    ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : [value]));
            }
        }
    }

    public string? ConfigFile { get; }

    /// <summary>The configuration without the short names (those are applied by <see cref="Load"/>).</summary>
    public IConfigurationRoot BuildConfiguration()
    {
        var builder = new ConfigurationBuilder();
        builder.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        if (!string.IsNullOrEmpty(ConfigFile))
        {
            builder.AddJsonFile(Path.GetFullPath(ConfigFile), optional: false);
        }

        builder.AddEnvironmentVariables();
        return builder.Build();
    }

    /// <summary>
    /// Binds and applies everything, then validates: the one place the options are made. A configuration that
    /// cannot be read, a value that cannot be parsed and every rule broken become error texts.
    /// </summary>
    public (ForwarderOptions Options, IReadOnlyList<string> Errors) Load()
    {
        var options = new ForwarderOptions();
        IConfigurationRoot configuration;
        try
        {
            configuration = BuildConfiguration();
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or FormatException)
        {
            return (options, [$"configuration file {ConfigFile}: {ex.Message}"]);
        }

        var section = configuration.GetSection(ForwarderOptions.SectionName);
        var unknown = ConfigurationSources.UnknownVariables(configuration).ToList();
        try
        {
            section.Bind(options);
            foreach (var setting in ForwarderSetting.All)
            {
                setting.ApplyAlias(section, options);
            }
        }
        catch (InvalidOperationException ex)
        {
            // A value that is not of its setting's type, e.g. FORWARDER__BATCHSIZE=lots: named with where it came from.
            return (options, [.. unknown, $"{ConfigurationSources.Describe(configuration, ex.Message, ConfigFile)}: {ex.Message}"]);
        }

        var errors = unknown;
        foreach (var (setting, values) in _overrides)
        {
            try
            {
                setting.Apply(options, values);
            }
            catch (FormatException ex)
            {
                errors.Add($"{setting.Option} ({setting.EnvVar}): {ex.Message}");
            }
        }

        return (options, [.. errors, .. ForwarderOptionsValidator.Errors(options)]);
    }
}
