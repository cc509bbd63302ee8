using System.CommandLine;
using LocalChaos.Cases;

namespace LocalChaos;

/// <summary>The command line of scripts/chaos.sh (passed through to this program).</summary>
internal static class ChaosArguments
{
    private static readonly Option<string> Root = CommandLineArguments.RootOption();

    private static readonly Option<string?> Bootstrap = new("--bootstrap") { Description = "The published function (scripts/chaos.sh passes it)" };
    private static readonly Option<bool> Quick = new("--quick") { Description = "The CI subset (at most 10 minutes); default: the full run (at most 30 minutes)" };
    private static readonly Option<string[]> Case = new("--case") { Description = "Run only this case (repeatable); --list names them", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<bool> List = new("--list") { Description = "List the cases and exit" };
    private static readonly Option<string?> Work = new("--work") { Description = "Where each case's brokers and logs go (default: a new temp folder)" };

    public static RootCommand Command { get; } = new("The fault suite: the local pipeline once per case, with a fault injected; a table and a RESULT line.")
    {
        Root, Bootstrap, Quick, Case, List, Work,
    };

    /// <summary>The options of a parse; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static ChaosOptions Read(ParseResult parse)
    {
        CommandLineArguments.ThrowIfInvalid(parse);
        var cases = parse.GetValue(Case) ?? [];
        foreach (var name in cases)
        {
            if (!CaseCatalog.All.Any(c => c.Name == name))
            {
                throw new ArgumentException($"--case '{name}' is not a case; known: {string.Join(", ", CaseCatalog.All.Select(c => c.Name))}");
            }
        }

        return new ChaosOptions
        {
            RepositoryRoot = parse.GetRequiredValue(Root),
            BootstrapPath = parse.GetValue(Bootstrap) ?? (parse.GetValue(List) ? "" : throw new ArgumentException("--bootstrap PATH is required (scripts/chaos.sh passes it)")),
            Quick = parse.GetValue(Quick),
            Cases = cases,
            WorkDirectory = parse.GetValue(Work),
            ListOnly = parse.GetValue(List),
        };
    }
}
