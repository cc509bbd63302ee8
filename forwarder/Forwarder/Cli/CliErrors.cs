using System.CommandLine;
using Forwarder.Configuration;

namespace Forwarder.Cli;

/// <summary>
/// How the CLI reports what it cannot do: one line naming what is wrong, exit code 2 for usage and configuration
/// errors (no help page, no stack trace).
/// </summary>
internal static class CliErrors
{
    /// <summary>Parse errors (unknown option, bad or missing value): one line with each, and where the help is.</summary>
    public static int ReportUsage(ParseResult parse, TextWriter error)
    {
        var command = CommandPath(parse);
        error.WriteLine($"{command}: {string.Join("; ", parse.Errors.Select(e => OneLine(e.Message)))} ('{command} --help' lists the options)");
        return ExitCodes.Configuration;
    }

    /// <summary>
    /// Runs the verb; a <see cref="ForwarderConfigurationException"/> (e.g. a password no broker could be sent) is one
    /// line and exit code 2. Anything else is a bug: printed whole, exit code 1.
    /// </summary>
    public static async Task<int> InvokeAsync(ParseResult parse, InvocationConfiguration configuration)
    {
        try
        {
            return await parse.InvokeAsync(configuration);
        }
        catch (ForwarderConfigurationException ex)
        {
            await configuration.Error.WriteLineAsync($"{CommandPath(parse)}: {ex.Message}");
            return ExitCodes.Configuration;
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C before the verb finished (run drains and returns by itself): the shell's code for SIGINT.
            return 130;
        }
        catch (Exception ex)
        {
            await configuration.Error.WriteLineAsync($"{CommandPath(parse)}: unexpected error (a bug; please report it): {ex}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>A parser message on one line (some list the accepted values on lines of their own).</summary>
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.');

    /// <summary>E.g. <c>forwarder send</c>.</summary>
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names);
    }
}
