using System.CommandLine;
using System.Globalization;

namespace Forwarder.Cli;

/// <summary>The link settings every verb that reads the configuration accepts: <c>--config</c> plus <see cref="CliSetting.All"/>.</summary>
internal sealed class LinkOptions
{
    private readonly Dictionary<CliSetting, Option> _options = [];

    public LinkOptions()
    {
        Config = new Option<string?>("--config", "-c")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"Configuration file (JSON, section 'Forwarder'); env FORWARDER_CONFIG; default {SettingsLoader.DefaultConfigFile} when present"),
        };
        foreach (var setting in CliSetting.All)
        {
            _options[setting] = setting.Repeatable
                ? new Option<string[]>(setting.Option) { Description = $"{setting.Description} (env {setting.EnvVar}; config Forwarder:{setting.Key})" }
                : new Option<string?>(setting.Option) { Description = $"{setting.Description} (env {setting.EnvVar}; config Forwarder:{setting.Key})" };
        }
    }

    public Option<string?> Config { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        foreach (var option in _options.Values)
        {
            command.Options.Add(option);
        }
    }

    public SettingsLoader Loader(ParseResult parse)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (setting, option) in _options)
        {
            string[] given = option switch
            {
                Option<string[]> many => parse.GetValue(many) ?? [],
                Option<string?> one when parse.GetValue(one) is { } v => [v],
                _ => [],
            };
            if (given.Length > 0)
            {
                values[setting.Option] = given;
            }
        }

        return new SettingsLoader(parse.GetValue(Config), Environment.GetEnvironmentVariables(), values);
    }

    /// <summary>Prints configuration errors to stderr; returns exit code 2.</summary>
    public static int ReportErrors(TextWriter error, IEnumerable<string> errors)
    {
        error.WriteLine("forwarder: invalid configuration:");
        foreach (var e in errors)
        {
            error.WriteLine($"  - {e}");
        }

        return ExitCodes.Configuration;
    }
}
