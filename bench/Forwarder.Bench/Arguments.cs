using System.CommandLine;

namespace Forwarder.Bench;

/// <summary>The command line of the benchmark (System.CommandLine, as the forwarder's); see scripts/bench-forwarder.sh.</summary>
internal sealed record Arguments(int Messages, int Size, int BatchSize, string SendMode, int Pairs, int Warmup, int LatencyMessages)
{
    private static readonly Option<int> MessagesOption = new("--messages") { Description = "Persistent messages per live run and per measured drain", DefaultValueFactory = _ => 10_000 };
    private static readonly Option<int> SizeOption = new("--size") { Description = "Body size in bytes", DefaultValueFactory = _ => 1024 };
    private static readonly Option<int> BatchSizeOption = new("--batch-size") { Description = "The forwarder's --batch-size", DefaultValueFactory = _ => 200 };
    private static readonly Option<string> SendModeOption = new("--send-mode") { Description = "The forwarder's --send-mode: Transaction or Receipts", DefaultValueFactory = _ => "Transaction" };
    private static readonly Option<int> PairsOption = new("--pairs") { Description = "Interleaved forwarder/bridge pairs per measurement", DefaultValueFactory = _ => 5 };
    private static readonly Option<int> WarmupOption = new("--warmup") { Description = "Messages drained before the drain's clock and CPU counters start", DefaultValueFactory = _ => 2_000 };
    private static readonly Option<int> LatencyMessagesOption = new("--latency-messages") { Description = "Messages timed per latency run (after a quarter as many more for warm-up)", DefaultValueFactory = _ => 2_000 };

    /// <summary>The benchmark's command.</summary>
    public static RootCommand Command { get; } = new("Forwarder against ActiveMQ's networkConnector on the same brokers, in interleaved pairs: live producer rate, backlog drain, CPU per message, latency.")
    {
        MessagesOption, SizeOption, BatchSizeOption, SendModeOption, PairsOption, WarmupOption, LatencyMessagesOption,
    };

    /// <summary>The arguments of a parse without errors.</summary>
    public static Arguments Read(ParseResult parse) =>
        new(
            Positive(parse, MessagesOption),
            Positive(parse, SizeOption),
            Positive(parse, BatchSizeOption),
            parse.GetRequiredValue(SendModeOption),
            Positive(parse, PairsOption),
            parse.GetValue(WarmupOption) is var w and >= 0 ? w : throw new ArgumentException("--warmup must be 0 or more"),
            Positive(parse, LatencyMessagesOption));

    private static int Positive(ParseResult parse, Option<int> option) =>
        parse.GetValue(option) is var v and > 0 ? v : throw new ArgumentException($"{option.Name} must be at least 1");
}
