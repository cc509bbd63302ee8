using Harness;
using LocalEventSource;
using LocalPipeline;

namespace Local.Tests.Pipeline;

public sealed class ArgumentsTests
{
    [Fact]
    public void PipelineParse_ExitRun_ReadsEveryOption()
    {
        var o = PipelineArguments.Parse(["--root", "/repo", "--bootstrap", "/b/bootstrap", "--messages", "7", "--exit", "--handler", "echo",
            "--poison-every", "3", "--loop-every", "4", "--batch-size", "50", "--window", "1.5", "--concurrency", "5", "--timeout", "12"]);

        Assert.Equal(("/repo", "/b/bootstrap", 7, true, false, "echo"), (o.RepositoryRoot, o.BootstrapPath, o.Messages, o.Exit, o.KeepRunning, o.Handler));
        Assert.Equal((3, 4, 50, 5), (o.PoisonEvery, o.LoopEvery, o.BatchSize, o.Concurrency));
        Assert.Equal((TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(12)), (o.BatchingWindow, o.FunctionTimeout));
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--messages", "many")]
    [InlineData("--exit", "--keep-running")]
    [InlineData("--window")]
    public void PipelineParse_BadArguments_ThrowsNamingTheProblem(params string[] bad)
    {
        var e = Assert.Throws<ArgumentException>(() => PipelineArguments.Parse(["--bootstrap", "/b", .. bad]));

        Assert.Contains(bad[0] == "--exit" ? "--keep-running" : bad[0], e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EventSourceParse_Defaults_AreAwsDefaults()
    {
        var parsed = EventSourceArguments.Parse(["--broker", "stomp://127.0.0.1:61613", "--queue", "orders", "--bootstrap", "/b", "--handler", "orders",
            "--env", "DEAD_LETTER_QUEUE_URL=http://q", "--env", "A=b=c"]);

        Assert.Equal(100, parsed.Mapping.Batching.BatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(500), parsed.Mapping.Batching.MaximumBatchingWindow);
        Assert.Equal(1, parsed.Mapping.Concurrency);
        Assert.Equal(6, parsed.Mapping.MaximumRedeliveries);
        Assert.Equal("http://q", parsed.Function.Environment["DEAD_LETTER_QUEUE_URL"]);
        Assert.Equal("b=c", parsed.Function.Environment["A"]);
    }

    [Theory]
    [InlineData("--env", "NOEQUALS")]
    [InlineData("--window", "-1")]
    [InlineData("--timeout", "1,5")]
    [InlineData("--broker", "not-a-uri")]
    [InlineData("--bogus", "1")]
    public void EventSourceParse_BadArguments_ThrowsNamingTheOption(params string[] bad)
    {
        var e = Assert.Throws<ArgumentException>(() => EventSourceArguments.Parse(["--broker", "stomp://h:1", "--queue", "q", "--bootstrap", "/b", "--handler", "x", .. bad]));

        Assert.Contains(bad[0], e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadFlag_ExitCode2WithoutSettings()
    {
        var options = CommandLineArguments.Read(PipelineArguments.Command, ["--bootstrap", "/b", "--bogus"], PipelineArguments.Read, out var exitCode);

        Assert.Equal((null, 2), (options, exitCode));
    }

    [Theory]
    [InlineData(0, "--messages", "5")]
    [InlineData(2, "--messages", "five")]
    [InlineData(2, "--exit", "--keep-running")]
    public void Read_CheckArguments_ChecksWithoutSettings(int expected, params string[] given)
    {
        var options = CommandLineArguments.Read(PipelineArguments.Command, ["--bootstrap", "/b", CommandLineArguments.CheckOnly, .. given], PipelineArguments.Read, out var exitCode);

        Assert.Equal((null, expected), (options, exitCode));
    }

    [Fact]
    public void EventSourceOptionsValidate_QueueWithStompPrefix_Throws()
    {
        var parsed = EventSourceArguments.Parse(["--broker", "stomp://h:1", "--queue", "/queue/orders", "--bootstrap", "/b", "--handler", "x"]);

        var e = Assert.Throws<ArgumentException>(parsed.Mapping.Validate);
        Assert.Contains("bare queue name", e.Message, StringComparison.Ordinal);
    }
}
