using System.CommandLine;

namespace Functions.Bench;

/// <summary>The command line of the benchmark (System.CommandLine, as the forwarder's).</summary>
internal sealed record Arguments(string Aot, string Jit, string EventFile, int Runs, int Messages)
{
    private static readonly Option<string> AotOption = new("--aot") { Description = "The Native AOT bootstrap", Required = true };
    private static readonly Option<string> JitOption = new("--jit") { Description = "The JIT bootstrap", Required = true };
    private static readonly Option<string> EventOption = new("--event") { Description = "The aws:mq event for the cold starts", Required = true };
    private static readonly Option<int> RunsOption = new("--runs") { Description = "Measured runs of each measurement; the result is their median (at least 5)", DefaultValueFactory = _ => 7 };
    private static readonly Option<int> MessagesOption = new("--messages") { Description = "Messages in the batch event", DefaultValueFactory = _ => 10_000 };

    /// <summary>The benchmark's command; scripts/bench-functions.sh passes --aot, --jit and --event.</summary>
    public static RootCommand Command { get; } = new("Benchmarks the Lambda functions: batch decoding and cold starts of the AOT and JIT builds.")
    {
        AotOption, JitOption, EventOption, RunsOption, MessagesOption,
    };

    /// <summary>The arguments of a parse without errors; throws <see cref="ArgumentException"/> naming what else is wrong.</summary>
    public static Arguments Read(ParseResult parse)
    {
        var arguments = new Arguments(parse.GetRequiredValue(AotOption), parse.GetRequiredValue(JitOption), parse.GetRequiredValue(EventOption), parse.GetValue(RunsOption), parse.GetValue(MessagesOption));
        if (arguments.Runs < 5)
        {
            throw new ArgumentException("--runs must be at least 5 (the result is a median)");
        }

        foreach (var file in new[] { arguments.Aot, arguments.Jit, arguments.EventFile })
        {
            if (!File.Exists(file))
            {
                throw new ArgumentException($"{file} does not exist; scripts/bench-functions.sh publishes the builds first");
            }
        }

        return arguments;
    }
}
