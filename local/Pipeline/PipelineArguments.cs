using System.CommandLine;
using LocalEventSource;

namespace LocalPipeline;

/// <summary>The command line of scripts/pipeline.sh (passed through to this program); defaults from <see cref="PipelineOptions"/>.</summary>
internal static class PipelineArguments
{
    private static readonly PipelineOptions Defaults = new() { RepositoryRoot = "", BootstrapPath = "" };

    private static readonly Option<string> Root = CommandLineArguments.RootOption();

    private static readonly Option<string?> Bootstrap = new("--bootstrap") { Description = "The published function (scripts/pipeline.sh passes it)" };
    private static readonly Option<int> Messages = new("--messages") { Description = "Sample messages to send", DefaultValueFactory = _ => Defaults.Messages };
    private static readonly Option<bool> Exit = new("--exit") { Description = "Non-interactive: plain progress lines, then the summary and a last RESULT line" };
    private static readonly Option<bool> KeepRunning = new("--keep-running") { Description = "Keep everything up after the sample run, until Ctrl-C, and print how to send more" };
    private static readonly Option<string> Handler = new("--handler") { Description = "_HANDLER: orders or echo", DefaultValueFactory = _ => Defaults.Handler };
    private static readonly Option<int> PoisonEvery = new("--poison-every") { Description = "Every Nth message is poison (0 = none)", DefaultValueFactory = _ => Defaults.PoisonEvery };
    private static readonly Option<int> LoopEvery = new("--loop-every") { Description = "Every Nth message carries fwd_hops=99, which the forwarder parks on onprem (0 = none)", DefaultValueFactory = _ => Defaults.LoopEvery };
    private static readonly Option<string> Queue = new("--queue") { Description = "The queue", DefaultValueFactory = _ => Defaults.Queue };
    private static readonly Option<int> BatchSize = new("--batch-size") { Description = "The event source's BatchSize", DefaultValueFactory = _ => Defaults.BatchSize };
    private static readonly Option<double> Window = CommandLineArguments.Seconds("--window", "The event source's batching window", Defaults.BatchingWindow);
    private static readonly Option<int> Concurrency = new("--concurrency") { Description = "Pollers, each with its own execution environment", DefaultValueFactory = _ => Defaults.Concurrency };
    private static readonly Option<double> Timeout = CommandLineArguments.Seconds("--timeout", "The function's timeout", Defaults.FunctionTimeout);
    private static readonly Option<double> Settle = CommandLineArguments.Seconds("--settle", "Stop waiting once nothing changed for this long", Defaults.SettleTimeout);
    private static readonly Option<string?> Work = new("--work") { Description = "Where brokers, logs and moto live (default: a new temp folder)" };

    /// <summary>The pipeline's command.</summary>
    public static RootCommand Command { get; } = new("The whole pipeline on this machine: brokers, forwarder, event source and the real bootstrap, fed by the legacy JMS producer.")
    {
        Root, Bootstrap, Messages, Exit, KeepRunning, Handler, PoisonEvery, LoopEvery, Queue, BatchSize, Window, Concurrency, Timeout, Settle, Work,
    };

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static PipelineOptions Parse(string[] args) => Read(Command.Parse(args));

    /// <summary>The options of a parse; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static PipelineOptions Read(ParseResult parse)
    {
        CommandLineArguments.ThrowIfInvalid(parse);
        if (parse.GetValue(Exit) && parse.GetValue(KeepRunning))
        {
            throw new ArgumentException("--exit and --keep-running exclude each other");
        }

        return new PipelineOptions
        {
            RepositoryRoot = parse.GetRequiredValue(Root),
            BootstrapPath = parse.GetValue(Bootstrap) ?? throw new ArgumentException("--bootstrap PATH is required (scripts/pipeline.sh passes it)"),
            Messages = parse.GetValue(Messages),
            PoisonEvery = parse.GetValue(PoisonEvery),
            LoopEvery = parse.GetValue(LoopEvery),
            Handler = parse.GetRequiredValue(Handler),
            Queue = parse.GetRequiredValue(Queue),
            BatchSize = parse.GetValue(BatchSize),
            BatchingWindow = TimeSpan.FromSeconds(parse.GetValue(Window)),
            Concurrency = parse.GetValue(Concurrency),
            FunctionTimeout = TimeSpan.FromSeconds(parse.GetValue(Timeout)),
            SettleTimeout = TimeSpan.FromSeconds(parse.GetValue(Settle)),
            WorkDirectory = parse.GetValue(Work),
            Exit = parse.GetValue(Exit),
            KeepRunning = parse.GetValue(KeepRunning),
        };
    }
}
