using System.CommandLine;
using System.Globalization;
using Forwarder.Configuration;

namespace Forwarder.Cli;

/// <summary>
/// The link settings every verb that reads the configuration accepts: <c>--config</c> plus each
/// <see cref="ForwarderSetting"/> that has a command-line option, its help built from the setting.
/// </summary>
internal sealed class LinkOptions
{
    private readonly Dictionary<ForwarderSetting, Option> _options = [];

    public LinkOptions()
    {
        Config = new Option<string?>("--config", "-c")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"Configuration file (JSON, section 'Forwarder'); env FORWARDER_CONFIG; default {SettingsLoader.DefaultConfigFile} when present"),
        };
        foreach (var setting in ForwarderSetting.All.Where(s => s.Option is not null))
        {
            _options[setting] = setting.Repeatable
                ? new Option<string[]>(setting.Option!) { Description = Help(setting) }
                : new Option<string?>(setting.Option!) { Description = Help(setting) };
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
                values[setting.Option!] = given;
            }
        }

        return new SettingsLoader(parse.GetValue(Config), Environment.GetEnvironmentVariables(), values);
    }

    /// <summary>
    /// A verb that takes the link settings and acts on them: the configuration loaded, its errors that
    /// <paramref name="relevant"/> keeps (all when null) reported with exit code 2, else <paramref name="action"/> run.
    /// </summary>
    public static Command CreateCommand(
        string name, string description, Func<ParseResult, ForwarderOptions, CancellationToken, Task<int>> action, Func<string, bool>? relevant = null)
    {
        var link = new LinkOptions();
        var command = new Command(name, description);
        link.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (options, errors) = link.Loader(parse).Load();
            var reported = relevant is null ? errors : [.. errors.Where(relevant)];
            if (reported.Count > 0)
            {
                return ReportErrors(parse.InvocationConfiguration.Error, reported);
            }

            return await action(parse, options, cancellationToken);
        });
        return command;
    }

    /// <summary>Prints configuration errors to stderr, one line each; returns exit code 2.</summary>
    public static int ReportErrors(TextWriter error, IEnumerable<string> errors)
    {
        foreach (var e in errors)
        {
            error.WriteLine($"forwarder: invalid configuration: {e}");
        }

        return ExitCodes.Configuration;
    }

    /// <summary>E.g. <c>Messages per … (default 200; env FORWARDER_BATCH_SIZE; config Forwarder:BatchSize)</c>.</summary>
    private static string Help(ForwarderSetting setting)
    {
        var repeat = setting.Repeatable ? "; repeatable, the variable takes a comma-separated list" : "";
        var byDefault = setting.DefaultText is { } d ? $"default {d}; " : "";
        return $"{setting.Description}{repeat} ({byDefault}env {setting.EnvVar}; config {ForwarderOptions.SectionName}:{setting.Key})";
    }
}
