namespace Pipeline.IntegrationTests.EventSource;

/// <summary>
/// The execution environment with stand-in bootstraps (small shell scripts speaking the Runtime API over
/// bash's /dev/tcp): the environment variables Lambda sets, and replacement after a crash or a timeout.
/// </summary>
public sealed class ExecutionEnvironmentTests : IDisposable
{

    private readonly string _dir = Directory.CreateTempSubdirectory("exec-env-").FullName;

    // Takes one event (GET next) and answers it with the environment it was started with.
    private const string Responder = """
        #!/usr/bin/env bash
        echo "started $$" >> "$STARTS"
        host=${AWS_LAMBDA_RUNTIME_API%:*} port=${AWS_LAMBDA_RUNTIME_API#*:}
        while true; do
          exec 3<>/dev/tcp/$host/$port
          printf 'GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n' >&3
          id=""
          while IFS= read -r line <&3; do
            line=${line%$'\r'}
            case ${line,,} in lambda-runtime-aws-request-id:*) id=${line#*: } ;; "") break ;; esac
          done
          exec 3<&-
          [ "$MODE" = hang ] && sleep 60
          [ "$MODE" = crash ] && exit 3
          body="$_HANDLER|$AWS_LAMBDA_FUNCTION_NAME|$AWS_LAMBDA_FUNCTION_MEMORY_SIZE|$AWS_LAMBDA_FUNCTION_VERSION|$AWS_REGION|$DEAD_LETTER_QUEUE_URL"
          exec 4<>/dev/tcp/$host/$port
          printf 'POST /2018-06-01/runtime/invocation/%s/response HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' "$id" "${#body}" "$body" >&4
          cat <&4 >/dev/null
          exec 4<&-
          echo "answered $id $body"
        done
        """;

    [Fact]
    public async Task InvokeAsync_WorkingBootstrap_GetsLambdaEnvironmentAndReusesProcess()
    {
        var output = new List<string>();
        await using var environment = new ExecutionEnvironment(1, Function("ok"), l => { lock (output) { output.Add(l); } }, NullLogger.Instance);

        var first = await environment.InvokeAsync("{}"u8.ToArray(), Ct);
        var second = await environment.InvokeAsync("{}"u8.ToArray(), Ct);

        Assert.Equal(InvocationOutcome.Success, first.Outcome);
        Assert.Equal(InvocationOutcome.Success, second.Outcome);
        Assert.Single(Starts());
        // The script writes its line after the response is posted; give it a moment.
        for (var i = 0; i < 100 && Answered(output) < 2; i++)
        {
            await Task.Delay(50, Ct);
        }

        lock (output)
        {
            Assert.Equal(2, output.Count(l => l.StartsWith("answered ", StringComparison.Ordinal)));
            Assert.EndsWith(" echo|fn|256|$LATEST|us-east-1|http://sqs/q", output.First(l => l.StartsWith("answered ", StringComparison.Ordinal)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task InvokeAsync_BootstrapCrashes_ReportsCrashAndStartsFreshEnvironment()
    {
        await using var environment = new ExecutionEnvironment(1, Function("crash"), _ => { }, NullLogger.Instance);

        var first = await environment.InvokeAsync("{}"u8.ToArray(), Ct);
        var second = await environment.InvokeAsync("{}"u8.ToArray(), Ct);

        Assert.Equal(InvocationOutcome.Crashed, first.Outcome);
        Assert.Contains("exited with code 3", first.Error, StringComparison.Ordinal);
        Assert.Equal(InvocationOutcome.Crashed, second.Outcome);
        Assert.Equal(2, Starts().Length);
    }

    [Fact]
    public async Task InvokeAsync_FunctionTimesOut_KillsAndReplacesEnvironment()
    {
        await using var environment = new ExecutionEnvironment(1, Function("hang", TimeSpan.FromSeconds(1)), _ => { }, NullLogger.Instance);

        var result = await environment.InvokeAsync("{}"u8.ToArray(), Ct);
        var firstPid = int.Parse(Starts().Single().Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(300, Ct);

        Assert.Equal(InvocationOutcome.Timeout, result.Outcome);
        Assert.True(IsGone(firstPid), $"the timed-out bootstrap (pid {firstPid}) is still running");
        await environment.InvokeAsync("{}"u8.ToArray(), Ct);
        Assert.Equal(2, Starts().Length);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static int Answered(List<string> output)
    {
        lock (output)
        {
            return output.Count(l => l.StartsWith("answered ", StringComparison.Ordinal));
        }
    }

    private FunctionOptions Function(string mode, TimeSpan? timeout = null)
    {
        var bootstrap = Path.Combine(_dir, "bootstrap");
        File.WriteAllText(bootstrap, Responder.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n", Encoding.ASCII);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bootstrap, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return new FunctionOptions
        {
            BootstrapPath = bootstrap,
            Handler = "echo",
            FunctionName = "fn",
            MemorySizeMb = 256,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            Environment = new Dictionary<string, string>
            {
                ["MODE"] = mode,
                ["STARTS"] = Path.Combine(_dir, "starts"),
                ["DEAD_LETTER_QUEUE_URL"] = "http://sqs/q",
            },
        };
    }

    private string[] Starts()
    {
        var file = Path.Combine(_dir, "starts");
        return File.Exists(file) ? File.ReadAllLines(file) : [];
    }

    private static bool IsGone(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return p.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
