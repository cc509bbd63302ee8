using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using Harness;
using Harness.ActiveMq;
using LocalPipeline.Tracking;

namespace Pipeline.IntegrationTests.QuickStart;

/// <summary>
/// The README's quick start, its two command blocks run as written, in order, against a local stand-in of the stack
/// (<see cref="StackStandIn"/>): only the four variables at the top are pointed at the stand-in, <c>sam</c> is a
/// stand-in printing the stand-in's outputs, the AWS CLI talks to moto, and the stand-in broker's CA is given through
/// <c>FORWARDER_TARGET_CA_FILE</c> (Amazon MQ's certificates are publicly trusted, a local one is not). The stack's event
/// source mapping is played by the local event source and the published Native AOT <c>bootstrap</c>
/// (<see cref="StackStandIn.StartFunction"/>), its output delivered to the log group in moto. The message must arrive on
/// <c>QueueName</c>, read by the event source as the Lambda user, with its origin queue, and be processed by the
/// function: its "processed" log record (which the README's log query prints), its idempotency record completed,
/// nothing dead-lettered (neither the broker's <c>DLQ.&lt;queue&gt;</c> nor SQS).
/// </summary>
[SupportedOSPlatform("linux")] // the quick start is bash on the forwarder's Linux machine
public sealed class QuickStartTests(ITestOutputHelper output) : IDisposable
{
    private const string Heading = "### Quick start against the deployed stack";

    private readonly string _dir = Directory.CreateTempSubdirectory("quick-start-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task ReadmeQuickStart_AgainstStackStandIn_FirstOrderForwardedAndProcessed()
    {
        var (run, send) = ReadmeBlocks();
        await BuildAgentAsync();
        var bootstrap = await PublishedBootstrap.GetAsync(Ct);
        var clock = Stopwatch.StartNew();
        await using var stack = await StackStandIn.StartAsync(_dir, Ct);
        await using var onprem = await ActiveMqBroker.StartAsync(new BrokerOptions { Name = "onprem" }, Ct);
        var observer = new RecordingObserver();
        await using var function = stack.StartFunction(bootstrap, observer, _dir);
        var etc = Path.Combine(_dir, "etc", "mq-forwarder");
        var variables = new Dictionary<string, string> { ["ONPREM"] = onprem.StompUri.ToString().TrimEnd('/'), ["ETC"] = etc };
        var environment = Environment(stack);
        var lines = WithVariables(run, variables);
        var outLine = lines.FindIndex(l => l.StartsWith("out()", StringComparison.Ordinal));
        var agentLine = lines.FindIndex(l => l.StartsWith("scripts/forwarder.sh run", StringComparison.Ordinal));
        Assert.True(outLine > 0 && agentLine > outLine, $"the quick start's first block changed shape:\n{string.Join('\n', run)}");

        // The agent runs in the foreground until stopped: exec, so the process started here is the agent.
        List<string> agentScript = [.. lines[..agentLine], "exec " + lines[agentLine], .. lines[(agentLine + 1)..]];
        var agentLog = new StringBuilder();
        await using var agent = ChildProcess.Start(Bash(agentScript, environment), l => Log(agentLog, l), l => Log(agentLog, l));
        var sent = await ChildProcess.RunAsync(Bash([.. lines[..(outLine + 1)], .. send], environment), TimeSpan.FromMinutes(5), Ct);

        try
        {
            sent.ThrowIfFailed("the quick start's send block failed");
            var processed = await ProcessedAsync(observer, function, TimeSpan.FromSeconds(90));
            Assert.True(processed is not null, $"the function processed nothing within 90 s; it printed:\n{string.Join('\n', observer.Output)}\nthe agent printed:\n{agentLog}");
            // Forwarded: on QueueName, read by the event source as the Lambda user, with its origin queue.
            var arrived = observer.Received.DistinctBy(m => m.MessageId).Single();
            var order = send.Single(l => l.Contains("--text", StringComparison.Ordinal)).Split('\'')[1];
            Assert.Equal(order, Encoding.UTF8.GetString(arrived.Body.Span));
            Assert.Equal("Orders.QuickStart", arrived.Headers["fwd_origin_queue"]);
            // Processed: the function's log record for it, its idempotency record, and nothing dead-lettered.
            Assert.Equal(arrived.MessageId, processed.MessageId);
            Assert.Equal(arrived.Headers["fwd_origin_id"], processed.OriginalId);
            Assert.Equal(1, observer.Output.Count(l => FunctionLogRecord.TryParse(l)?.EventId == FunctionLogRecord.MessageProcessed));
            // The README's log query (its text output: the records tab-separated) printed that record.
            var queried = sent.StdOut.Split(['\t', '\n']).Select(FunctionLogRecord.TryParse).Where(r => r?.EventId == FunctionLogRecord.MessageProcessed);
            Assert.Equal(processed, Assert.Single(queried));
            Assert.Equal("COMPLETED", await stack.AwsAsync(["dynamodb", "scan", "--table-name", stack.IdempotencyTable, "--query", "Items[?!starts_with(pk.S, '@')].status.S"], Ct));
            Assert.Empty(observer.DeadLettered);
            Assert.Equal(0, await stack.Broker.Queues.CountAsync("DLQ." + stack.Template.Queue, Ct));
            Assert.Equal("0\t0", await stack.AwsAsync(
                ["sqs", "get-queue-attributes", "--queue-url", stack.DeadLetterQueueUrl, "--attribute-names", "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                 "--query", "[Attributes.ApproximateNumberOfMessages, Attributes.ApproximateNumberOfMessagesNotVisible]"], Ct));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(etc, "target.password")));
            Assert.Equal(stack.PasswordOf(stack.UserIn("forwarders")), (await File.ReadAllTextAsync(Path.Combine(etc, "target.password"), Ct)).TrimEnd('\n'));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT quick_start sent=1 forwarded={observer.Received.DistinctBy(m => m.MessageId).Count()} processed=1 dead_lettered=0 origin_queue={arrived.Headers["fwd_origin_queue"]} queue={stack.Template.Queue} seconds={clock.Elapsed.TotalSeconds:0.0}"));
        }
        finally
        {
            await agent.StopAsync(TimeSpan.FromSeconds(45), Ct);
            output.WriteLine($"send block: {sent.Describe()}\nagent:\n{agentLog}\nfunction:\n{string.Join('\n', observer.Output)}");
        }

        Assert.Equal(0, agent.ExitCode);
    }

    /// <summary>The two bash blocks under the quick start's heading: the agent's, then the first message's.</summary>
    private static (List<string> Run, List<string> Send) ReadmeBlocks()
    {
        var readme = File.ReadAllLines(RepositoryRoot.File("README.md"));
        var at = Array.IndexOf(readme, Heading);
        Assert.True(at >= 0, $"README.md has no '{Heading}'");
        var blocks = new List<List<string>>();
        for (var i = at + 1; i < readme.Length && blocks.Count < 2 && !readme[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            if (readme[i] == "```bash")
            {
                var block = new List<string>();
                for (i++; readme[i] != "```"; i++)
                {
                    block.Add(readme[i]);
                }

                blocks.Add(block);
            }
        }

        Assert.True(blocks.Count == 2, $"the quick start should have two bash blocks, it has {blocks.Count}");
        return (blocks[0], blocks[1]);
    }

    /// <summary>Points the block's variables (<c>NAME=value   # comment</c>) at the stand-in; each must exist.</summary>
    private static List<string> WithVariables(List<string> block, Dictionary<string, string> values)
    {
        var lines = block.ToList();
        foreach (var (name, value) in values)
        {
            var i = lines.FindIndex(l => l.StartsWith(name + "=", StringComparison.Ordinal));
            Assert.True(i >= 0, $"the quick start no longer sets {name}");
            lines[i] = $"{name}='{value}'";
        }

        return lines;
    }

    /// <summary>moto for the AWS CLI, a <c>sam</c> that prints the stand-in's outputs, the stand-in's CA, no metrics port.</summary>
    private Dictionary<string, string?> Environment(StackStandIn stack)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        var sam = Path.Combine(bin, "sam");
        File.WriteAllText(sam, $$"""
            #!/usr/bin/env bash
            # Stand-in for `sam list stack-outputs --stack-name {{StackStandIn.StackName}} --output json`.
            [ "$1 $2 $3 $4 $5 $6" = "list stack-outputs --stack-name {{StackStandIn.StackName}} --output json" ] || { echo "sam stand-in: unexpected: $*" >&2; exit 2; }
            cat '{{stack.OutputsFile}}'
            """);
        File.SetUnixFileMode(sam, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var environment = stack.Moto.ClientEnvironment.ToDictionary(e => e.Key, e => (string?)e.Value);
        environment["PATH"] = bin + ":" + System.Environment.GetEnvironmentVariable("PATH");
        environment["FORWARDER_TARGET_CA_FILE"] = stack.Broker.CaCertificateFile;
        environment["FORWARDER_METRICS_PORT"] = "0";
        return environment;
    }

    /// <summary>In a scratch directory (outputs.json lands there) whose <c>scripts</c> and <c>artifacts</c> are the repository's.</summary>
    private ProcessCommand Bash(IEnumerable<string> lines, Dictionary<string, string?> environment)
    {
        var work = Path.Combine(_dir, "work");
        if (!Directory.Exists(work))
        {
            Directory.CreateDirectory(work);
            Directory.CreateSymbolicLink(Path.Combine(work, "scripts"), RepositoryRoot.File("scripts"));
            Directory.CreateSymbolicLink(Path.Combine(work, "artifacts"), RepositoryRoot.File("artifacts"));
        }

        return new ProcessCommand("bash", ["-euo", "pipefail", "-c", string.Join('\n', lines)]) { Environment = environment, WorkingDirectory = work };
    }

    /// <summary>The single-file agent the README's scripts/forwarder.sh runs, built before the clock of the quick start starts.</summary>
    private static async Task BuildAgentAsync()
    {
        var command = new ProcessCommand("bash", ["scripts/forwarder.sh", "--help"]) { WorkingDirectory = RepositoryRoot.Path };
        (await ChildProcess.RunAsync(command, TimeSpan.FromMinutes(20), Ct)).ThrowIfFailed("scripts/forwarder.sh could not build the agent");
    }

    /// <summary>The function's first "processed" log record (event id 2001), or null after <paramref name="timeout"/>.</summary>
    private static async Task<FunctionLogRecord?> ProcessedAsync(RecordingObserver observer, StandInFunction function, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            function.ThrowIfFailed();
            if (observer.Output.Select(FunctionLogRecord.TryParse).FirstOrDefault(r => r?.EventId == FunctionLogRecord.MessageProcessed) is { } record)
            {
                return record;
            }

            await Task.Delay(250, Ct);
        }

        return null;
    }

    private static void Log(StringBuilder log, string line)
    {
        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
