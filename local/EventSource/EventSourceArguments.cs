using System.CommandLine;
using Harness;
using LocalEventSource.Batching;
using LocalEventSource.Invocation;

namespace LocalEventSource;

/// <summary>The command line of the standalone event source.</summary>
internal static class EventSourceArguments
{
    private static readonly Option<Uri> Broker = new("--broker")
    {
        Description = "The broker to consume from: stomp://HOST:PORT or stomp+ssl://HOST:PORT",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : Error<Uri>(result, $"--broker '{text}' is not an absolute URI");
        },
    };

    private static readonly Option<string> Queue = new("--queue") { Description = "The queue, a bare name such as orders", Required = true };
    private static readonly Option<string> Bootstrap = new("--bootstrap") { Description = "The published function (scripts/publish-functions.sh)", Required = true };
    private static readonly Option<string> Handler = new("--handler") { Description = "_HANDLER: orders or echo", Required = true };
    private static readonly Option<string?> User = new("--user") { Description = "User name on the broker" };
    private static readonly Option<string?> Password = new("--password") { Description = "Password on the broker" };
    private static readonly Option<int> BatchSize = new("--batch-size") { Description = "BatchSize", DefaultValueFactory = _ => BatchingOptions.DefaultBatchSize };
    private static readonly Option<double> Window = CommandLineArguments.Seconds("--window", "MaximumBatchingWindowInSeconds", BatchingOptions.DefaultWindow);
    private static readonly Option<int> Concurrency = new("--concurrency") { Description = "Pollers, each with its own execution environment", DefaultValueFactory = _ => 1 };
    private static readonly Option<double> Timeout = CommandLineArguments.Seconds("--timeout", "The function's timeout", TimeSpan.FromSeconds(30));
    private static readonly Option<string> FunctionName = new("--function-name") { Description = "AWS_LAMBDA_FUNCTION_NAME", DefaultValueFactory = _ => "local-function" };

    private static readonly Option<string[]> Env = new("--env")
    {
        Description = "A variable of the function, NAME=VALUE; repeatable",
        CustomParser = result =>
        {
            var bad = result.Tokens.FirstOrDefault(t => t.Value.IndexOf('=', StringComparison.Ordinal) <= 0);
            return bad is null ? [.. result.Tokens.Select(t => t.Value)] : Error<string[]>(result, $"--env '{bad.Value}' must be NAME=VALUE");
        },
    };

    /// <summary>local-event-source's command: consume a queue and invoke the bootstrap, until Ctrl-C or SIGTERM.</summary>
    public static RootCommand Command { get; } = new("The local Amazon MQ event source: consume a queue and invoke the bootstrap, until Ctrl-C or SIGTERM.")
    {
        Broker, Queue, Bootstrap, Handler, User, Password, BatchSize, Window, Concurrency, Timeout, FunctionName, Env,
    };

    public sealed record Parsed(EventSourceOptions Mapping, FunctionOptions Function);

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static Parsed Parse(string[] args) => Read(Command.Parse(args));

    /// <summary>The settings of a parse; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static Parsed Read(ParseResult parse)
    {
        CommandLineArguments.ThrowIfInvalid(parse);
        var mapping = new EventSourceOptions
        {
            Broker = parse.GetRequiredValue(Broker),
            Queue = parse.GetRequiredValue(Queue),
            User = parse.GetValue(User),
            Password = parse.GetValue(Password),
            Batching = new BatchingOptions(parse.GetValue(BatchSize), TimeSpan.FromSeconds(parse.GetValue(Window)), BatchingOptions.SixMegabytes),
            Concurrency = parse.GetValue(Concurrency),
        };
        var function = new FunctionOptions
        {
            BootstrapPath = parse.GetRequiredValue(Bootstrap),
            Handler = parse.GetRequiredValue(Handler),
            FunctionName = parse.GetRequiredValue(FunctionName),
            Timeout = TimeSpan.FromSeconds(parse.GetValue(Timeout)),
            Environment = Variables(parse.GetValue(Env) ?? []),
        };
        return new Parsed(mapping, function);
    }

    /// <summary>NAME=VALUE pairs; a later one wins over an earlier one with the same name.</summary>
    private static Dictionary<string, string> Variables(string[] pairs)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            variables[pair[..eq]] = pair[(eq + 1)..];
        }

        return variables;
    }

    /// <summary><see cref="Read"/>, then the settings validated as at start (the bootstrap must exist).</summary>
    public static Parsed ReadValid(ParseResult parse)
    {
        var parsed = Read(parse);
        parsed.Mapping.Validate();
        parsed.Function.Validate();
        return parsed;
    }

    private static T? Error<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default;
    }
}
