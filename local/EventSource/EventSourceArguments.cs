using System.Globalization;
using LocalEventSource.Batching;
using LocalEventSource.Invocation;

namespace LocalEventSource;

/// <summary>The command line of the standalone event source.</summary>
internal static class EventSourceArguments
{
    public const string Usage = """
        usage: local-event-source --broker stomp://HOST:PORT --queue NAME --bootstrap PATH --handler NAME
                                  [--user U --password P] [--batch-size 100] [--window 0.5] [--concurrency 1]
                                  [--timeout 30] [--env NAME=VALUE]...
        """;

    public sealed record Parsed(EventSourceOptions Mapping, FunctionOptions Function);

    public static Parsed Parse(string[] args)
    {
        var o = new Dictionary<string, string>(StringComparer.Ordinal);
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"'{name}' must be an option followed by its value");
            }

            var value = args[++i];
            if (name == "--env")
            {
                var eq = value.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new ArgumentException($"--env '{value}' must be NAME=VALUE");
                }

                env[value[..eq]] = value[(eq + 1)..];
            }
            else
            {
                o[name] = value;
            }
        }

        var mapping = new EventSourceOptions
        {
            Broker = new Uri(Required(o, "--broker")),
            Queue = Required(o, "--queue"),
            User = o.GetValueOrDefault("--user"),
            Password = o.GetValueOrDefault("--password"),
            Batching = new BatchingOptions(
                Int(o, "--batch-size", BatchingOptions.DefaultBatchSize),
                TimeSpan.FromSeconds(Double(o, "--window", BatchingOptions.DefaultWindow.TotalSeconds)),
                BatchingOptions.SixMegabytes),
            Concurrency = Int(o, "--concurrency", 1),
        };
        var function = new FunctionOptions
        {
            BootstrapPath = Required(o, "--bootstrap"),
            Handler = Required(o, "--handler"),
            FunctionName = o.GetValueOrDefault("--function-name", "local-function"),
            Timeout = TimeSpan.FromSeconds(Double(o, "--timeout", 30)),
            Environment = env,
        };
        return new Parsed(mapping, function);
    }

    private static string Required(Dictionary<string, string> o, string name) =>
        o.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required");

    private static int Int(Dictionary<string, string> o, string name, int fallback) =>
        !o.TryGetValue(name, out var text) ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
        : throw new ArgumentException($"{name} must be an integer, got '{text}'");

    private static double Double(Dictionary<string, string> o, string name, double fallback) =>
        !o.TryGetValue(name, out var text) ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n
        : throw new ArgumentException($"{name} must be a number, got '{text}'");
}
