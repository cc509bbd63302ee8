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

    private readonly Dictionary<string, IReadOnlyList<string>> _overrides = new(StringComparer.Ordinal);
    private readonly List<(Action<ForwarderOptions, string> Apply, string Value)> _envOnly = [];

    public SettingsLoader(string? configFile, IDictionary environment, IReadOnlyDictionary<string, IReadOnlyList<string>> commandLine)
    {
        ConfigFile = configFile ?? environment["FORWARDER_CONFIG"] as string;
        if (string.IsNullOrEmpty(ConfigFile) && File.Exists(DefaultConfigFile))
        {
            ConfigFile = DefaultConfigFile;
        }

        foreach (var setting in CliSetting.All)
        {
            if (commandLine.TryGetValue(setting.Option, out var values) && values.Count > 0)
            {
                _overrides[setting.Option] = values;
            }
            else if (environment[setting.EnvVar] is string value && value.Length > 0)
            {
                _overrides[setting.Option] = setting.Repeatable
                    ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : [value];
            }
        }

        foreach (var (envVar, _, apply) in CliSetting.EnvOnly)
        {
            if (environment[envVar] is string value && value.Length > 0)
            {
                _envOnly.Add((apply, value));
            }
        }
    }

    public string? ConfigFile { get; }

    /// <summary>The configuration without the short names (those are applied by <see cref="Apply"/>).</summary>
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

    /// <summary>Applies the short environment variables and the command line over the bound options.</summary>
    public void Apply(ForwarderOptions options) => ApplyCollectingErrors(options);

    private List<string> ApplyCollectingErrors(ForwarderOptions options)
    {
        var errors = new List<string>();
        foreach (var (apply, value) in _envOnly)
        {
            apply(options, value);
        }

        foreach (var setting in CliSetting.All)
        {
            if (_overrides.TryGetValue(setting.Option, out var values))
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
        }

        return errors;
    }

    /// <summary>Binds and applies everything; a configuration file that cannot be read becomes an error text.</summary>
    public (ForwarderOptions Options, IReadOnlyList<string> Errors) Load()
    {
        var options = new ForwarderOptions();
        try
        {
            BuildConfiguration().GetSection(ForwarderOptions.SectionName).Bind(options);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or FormatException or InvalidOperationException)
        {
            return (options, [$"configuration file {ConfigFile}: {ex.Message}"]);
        }

        var errors = ApplyCollectingErrors(options);
        return (options, [.. errors, .. ForwarderOptionsValidator.Errors(options)]);
    }
}
