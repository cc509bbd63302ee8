namespace Forwarder.IntegrationTests;

[Collection(BrokerPairDefinition.Name)]
public sealed class CliTests(BrokerPairFixture pair)
{
    [Fact]
    public async Task Run_HttpSource_ExitsTwoNamingTheSetting()
    {
        var (code, _, stderr) = await AgentProcess.RunAsync(["run", "--source", "http://x", "--target", "stomp://127.0.0.1:1", "--include", "Q"], null, Ct);

        Assert.Equal(2, code);
        Assert.Contains("Forwarder:Source: 'http://x' is not a stomp:// or stomp+ssl:// URI", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SeveralMistakesFromEnvironment_ListsEach()
    {
        var env = new Dictionary<string, string>
        {
            ["FORWARDER_SOURCE"] = "stomp://127.0.0.1:1",
            ["FORWARDER__DUPLEX"] = "true",
            ["FORWARDER_TARGET_PASSWORD_FILE"] = "/nonexistent/password",
            ["FORWARDER_BATCH_SIZE"] = "lots",
        };

        var (code, _, stderr) = await AgentProcess.RunAsync(["run", "--include", "Orders.>"], env, Ct);

        Assert.Equal(2, code);
        Assert.Contains("Forwarder:Target: is required", stderr, StringComparison.Ordinal);
        Assert.Contains("Forwarder:Duplex: true is not supported", stderr, StringComparison.Ordinal);
        Assert.Contains("Forwarder:TargetPasswordFile: file '/nonexistent/password' does not exist", stderr, StringComparison.Ordinal);
        Assert.Contains("--batch-size (FORWARDER_BATCH_SIZE): 'lots' is not a whole number", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ConfigFile_IsReadAndCommandLineWins()
    {
        var file = Path.Combine(Path.GetTempPath(), $"fwd-it-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{ "Forwarder": { "Source": "tcp://wrong:61616", "Target": "stomp://127.0.0.1:1", "StaticallyIncludedDestinations": ["Q"], "NetworkTtl": 0 } }""", Ct);
        try
        {
            var (code, _, stderr) = await AgentProcess.RunAsync(["run", "--config", file, "--source", "stomp://127.0.0.1:2"], null, Ct);

            Assert.Equal(2, code);
            Assert.DoesNotContain("Forwarder:Source", stderr, StringComparison.Ordinal);
            Assert.Contains("Forwarder:NetworkTtl: 0 must be at least 1", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("Required command was not provided")]
    [InlineData("'bogus'", "bogus")]
    [InlineData("'--bogus'", "run", "--bogus")]
    [InlineData("Argument 'xml' not recognized. Must be one of: 'text' 'json'", "run", "--log-format", "xml")]
    [InlineData("--batch-size", "verify", "--batch-size")]
    [InlineData("--include", "network-connector", "--include")]
    [InlineData("Forwarder:Targets:0: 'http://x' is not a stomp:// or stomp+ssl:// URI", "network-connector", "--target", "http://x", "--include", "Q")]
    [InlineData("--broker", "send", "-q", "Q")]
    [InlineData("--broker: 'http://x'", "send", "-b", "http://x", "-q", "Q")]
    [InlineData("--password-file: '/nonexistent/pw' is not an existing file", "send", "-b", "stomp://127.0.0.1:1", "-q", "Q", "--password-file", "/nonexistent/pw")]
    [InlineData("password file '/dev/null' cannot be used", "send", "-b", "stomp://127.0.0.1:1", "-q", "Q", "--password-file", "/dev/null")]
    [InlineData("--file: '/nonexistent/body' is not an existing file", "send", "-b", "stomp://127.0.0.1:1", "-q", "Q", "--file", "/nonexistent/body")]
    [InlineData("--bytes-hex: 'zz' is not hex", "send", "-b", "stomp://127.0.0.1:1", "-q", "Q", "--bytes-hex", "zz")]
    [InlineData("--ca-file: '/nonexistent/ca.pem' is not an existing file", "send", "-b", "stomp+ssl://127.0.0.1:1", "-q", "Q", "--ca-file", "/nonexistent/ca.pem")]
    [InlineData("--count: '0' must be at least 1", "send", "-b", "stomp://127.0.0.1:1", "-q", "Q", "--count", "0")]
    public async Task AnyVerb_BadInput_ExitsTwoWithOneLineNamingIt(string expected, params string[] args)
    {
        var (code, stdout, stderr) = await AgentProcess.RunAsync(args, null, Ct);

        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("forwarder", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Theory]
    [InlineData("FORWARDER_LOG_FORMAT", "xml", "FORWARDER_LOG_FORMAT: 'xml' is not text or json")]
    [InlineData("FORWARDER__BATCHSIZE", "lots", "environment variable FORWARDER__BATCHSIZE: ")]
    [InlineData("FORWARDER__BATCHSIZ", "50", "environment variable FORWARDER__BATCHSIZ: 'BATCHSIZ' is not a setting")]
    [InlineData("FORWARDER_PREFETCH", "many", "--prefetch (FORWARDER_PREFETCH): 'many' is not a whole number")]
    public async Task Run_InvalidEnvironmentValue_RefusedNamingTheVariable(string variable, string value, string expected)
    {
        var (code, _, stderr) = await AgentProcess.RunAsync(
            ["run", "--source", "stomp://127.0.0.1:1", "--target", "stomp://127.0.0.1:1", "--include", "Q"], new Dictionary<string, string> { [variable] = value }, Ct);

        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_EveryVerb_PrintsUsage()
    {
        foreach (var verb in (string[])["run", "verify", "network-connector", "send"])
        {
            var (code, stdout, _) = await AgentProcess.RunAsync([verb, "--help"], null, Ct);

            Assert.Equal(0, code);
            Assert.Contains($"forwarder {verb} [options]", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Verify_LivePair_ReportsBrokersAndBacklog()
    {
        var queue = BrokerPairFixture.UniqueQueue("Verify");
        await Messages.SendAsync(pair.OnPrem, queue, 7, Ct);

        var (code, stdout, stderr) = await AgentProcess.RunAsync(Link.VerifyArgs(pair, pair.Cloud.StompUri.ToString(), "--include", queue), null, Ct);

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("source  stomp://127.0.0.1:", stdout, StringComparison.Ordinal);
        Assert.Contains("user app", stdout, StringComparison.Ordinal);
        Assert.Matches($@"{queue}\s+7\s+0\s+7\s+0\s+.*NO CONSUMER", stdout);
    }

    [Fact]
    public async Task Verify_WrongTargetPassword_FailsWithBrokerMessage()
    {
        var pw = Path.GetTempFileName();
        await File.WriteAllTextAsync(pw, "wrong", Ct);
        try
        {
            var (code, stdout, _) = await AgentProcess.RunAsync(
                ["verify", "--source", pair.OnPrem.StompUri.ToString(), "--target", pair.Cloud.StompUri.ToString(), "--target-user", "app", "--target-password-file", pw, "--include", "Q"], null, Ct);

            Assert.Equal(1, code);
            Assert.Contains("target  stomp://127.0.0.1:", stdout, StringComparison.Ordinal);
            Assert.Contains("FAILED", stdout, StringComparison.Ordinal);
            Assert.Contains("password is invalid", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pw);
        }
    }
}
