using System.CommandLine;
using System.Globalization;

namespace Harness;

/// <summary>
/// What the command lines of the local tools and benchmarks (System.CommandLine, as the forwarder's) have in common.
/// </summary>
public static class CommandLineArguments
{
    /// <summary>
    /// Given anywhere among the arguments: only check them, exit code 0 when they are fine. The scripts run a tool so
    /// right after building it, before they install packages or publish anything (no second parser in bash).
    /// </summary>
    public const string CheckOnly = "--check-arguments";

    /// <summary>
    /// Parses <paramref name="args"/> for a tool's <paramref name="command"/> and reads its settings with
    /// <paramref name="read"/>. <c>--help</c> prints the help (exit code 0); a parse error, or what
    /// <paramref name="read"/> rejects (an <see cref="ArgumentException"/>, or a file it names that is missing),
    /// prints one line naming the problem to stderr (exit code 2). Null, with <paramref name="exitCode"/>, then;
    /// null with exit code 0 after <see cref="CheckOnly"/>.
    /// </summary>
    public static T? Read<T>(RootCommand command, string[] args, Func<ParseResult, T> read, out int exitCode)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(args);
        var checkOnly = args.Contains(CheckOnly);
        var parse = command.Parse(checkOnly ? [.. args.Where(a => a != CheckOnly)] : args);
        if (parse.Action is System.CommandLine.Help.HelpAction)
        {
            exitCode = parse.Invoke();
            return null;
        }

        try
        {
            ThrowIfInvalid(parse);
            exitCode = 0;
            var options = read(parse);
            return checkOnly ? null : options;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or FormatException)
        {
            Console.Error.WriteLine($"{command.Name}: {ex.Message} (--help lists the options)");
            exitCode = 2;
            return null;
        }
    }

    /// <summary><c>--root</c>: the repository root, by default the current directory (where the scripts run the tools).</summary>
    public static Option<string> RootOption() => new("--root")
    {
        Description = "The repository root",
        DefaultValueFactory = _ => Directory.GetCurrentDirectory(),
    };

    /// <summary>
    /// A duration in seconds (<c>0.5</c>, invariant culture; a negative or non-numeric value is a parse error), kept as
    /// seconds so that the help shows the default as such; <see cref="TimeSpan.FromSeconds(double)"/> it when read.
    /// </summary>
    public static Option<double> Seconds(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = description,
        HelpName = "SECONDS",
        DefaultValueFactory = _ => defaultValue.TotalSeconds,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (text is null)
            {
                return defaultValue.TotalSeconds;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return seconds;
            }

            result.AddError($"{name} must be a number of seconds, got '{text}'");
            return defaultValue.TotalSeconds;
        },
    };

    /// <summary>Throws <see cref="ArgumentException"/> with every parse error on one line (each names its option).</summary>
    public static void ThrowIfInvalid(ParseResult parse)
    {
        if (parse.Errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", parse.Errors.Select(e => e.Message)));
        }
    }
}
