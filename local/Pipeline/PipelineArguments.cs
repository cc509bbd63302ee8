using System.Globalization;

namespace LocalPipeline;

/// <summary>The command line of scripts/pipeline.sh (passed through to this program).</summary>
internal static class PipelineArguments
{
    public const string Usage = """
        usage: scripts/pipeline.sh [--messages N] [--exit | --keep-running] [--handler orders|echo] [--poison-every N] [--loop-every N]
                                   [--batch-size N] [--window SECONDS] [--concurrency N] [--timeout SECONDS]
                                   [--settle SECONDS] [--work DIR]
          --messages N      sample messages to send (default 20)
          --exit            non-interactive: plain progress lines, then the summary and a last RESULT line
          --keep-running    keep everything up after the sample run, until Ctrl-C, and print how to send more
          --loop-every N    every Nth message carries fwd_hops=99, which the forwarder parks on onprem (default 0)
        """;

    public static PipelineOptions Parse(string[] args)
    {
        string? root = null, bootstrap = null;
        var o = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            switch (a)
            {
                case "--exit" or "--keep-running":
                    flags.Add(a);
                    break;
                case "--root":
                    root = Value(args, ref i);
                    break;
                case "--bootstrap":
                    bootstrap = Value(args, ref i);
                    break;
                case "--messages" or "--handler" or "--poison-every" or "--loop-every" or "--batch-size" or "--window" or "--concurrency" or "--timeout" or "--settle" or "--work" or "--queue":
                    o[a] = Value(args, ref i);
                    break;
                default:
                    throw new ArgumentException($"unknown option '{a}'");
            }
        }

        if (flags.Contains("--exit") && flags.Contains("--keep-running"))
        {
            throw new ArgumentException("--exit and --keep-running exclude each other");
        }

        root ??= Directory.GetCurrentDirectory();
        var defaults = new PipelineOptions { RepositoryRoot = root, BootstrapPath = bootstrap ?? "" };
        return defaults with
        {
            BootstrapPath = bootstrap ?? throw new ArgumentException("--bootstrap PATH is required (scripts/pipeline.sh passes it)"),
            Messages = Int(o, "--messages", defaults.Messages),
            PoisonEvery = Int(o, "--poison-every", defaults.PoisonEvery),
            LoopEvery = Int(o, "--loop-every", defaults.LoopEvery),
            Handler = o.GetValueOrDefault("--handler", defaults.Handler),
            Queue = o.GetValueOrDefault("--queue", defaults.Queue),
            BatchSize = Int(o, "--batch-size", defaults.BatchSize),
            BatchingWindow = Seconds(o, "--window", defaults.BatchingWindow),
            Concurrency = Int(o, "--concurrency", defaults.Concurrency),
            FunctionTimeout = Seconds(o, "--timeout", defaults.FunctionTimeout),
            SettleTimeout = Seconds(o, "--settle", defaults.SettleTimeout),
            WorkDirectory = o.GetValueOrDefault("--work"),
            Exit = flags.Contains("--exit"),
            KeepRunning = flags.Contains("--keep-running"),
        };
    }

    private static string Value(string[] args, ref int i) =>
        i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");

    private static int Int(Dictionary<string, string> o, string name, int fallback) =>
        !o.TryGetValue(name, out var text) ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : throw new ArgumentException($"{name} must be an integer, got '{text}'");

    private static TimeSpan Seconds(Dictionary<string, string> o, string name, TimeSpan fallback) =>
        !o.TryGetValue(name, out var text) ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0 ? TimeSpan.FromSeconds(s)
        : throw new ArgumentException($"{name} must be a number of seconds, got '{text}'");
}
