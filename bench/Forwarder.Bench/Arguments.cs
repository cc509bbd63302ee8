using System.CommandLine;

namespace Forwarder.Bench;

/// <summary>The command line of the benchmark (System.CommandLine, as the forwarder's); see scripts/bench-forwarder.sh.</summary>
internal sealed record Arguments(int Messages, int Size, int BatchSize, string SendMode)
{
    private static readonly Option<int> MessagesOption = new("--messages") { Description = "Persistent messages in the backlog", DefaultValueFactory = _ => 10_000 };
    private static readonly Option<int> SizeOption = new("--size") { Description = "Body size in bytes", DefaultValueFactory = _ => 1024 };
    private static readonly Option<int> BatchSizeOption = new("--batch-size") { Description = "The forwarder's --batch-size", DefaultValueFactory = _ => 200 };
    private static readonly Option<string> SendModeOption = new("--send-mode") { Description = "The forwarder's --send-mode: Transaction or Receipts", DefaultValueFactory = _ => "Transaction" };

    /// <summary>The benchmark's command.</summary>
    public static RootCommand Command { get; } = new("Drains a backlog on-prem to the cloud broker with the forwarder, ActiveMQ's networkConnector and direct STOMP sends.")
    {
        MessagesOption, SizeOption, BatchSizeOption, SendModeOption,
    };

    /// <summary>The arguments of a parse without errors.</summary>
    public static Arguments Read(ParseResult parse) =>
        new(parse.GetValue(MessagesOption), parse.GetValue(SizeOption), parse.GetValue(BatchSizeOption), parse.GetRequiredValue(SendModeOption));
}
