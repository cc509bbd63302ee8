using System.Collections;

namespace Forwarder.Tests.Cli;

public sealed class SettingsLoaderTests : IDisposable
{
    private const string Link = """ "Source": "stomp://onprem:61613", "Target": "stomp://cloud:61613", "StaticallyIncludedDestinations": ["Q"] """;

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"fwd-unit-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Load_FormerDiscoveryIntervalKey_SetsBacklogRefreshInterval()
    {
        var (options, errors) = LoadFile($$"""{ "Forwarder": { {{Link}}, "DiscoveryInterval": "00:01:00" } }""");

        Assert.Empty(errors);
        Assert.Equal(TimeSpan.FromMinutes(1), options.BacklogRefreshInterval);
    }

    [Fact]
    public void Load_FormerAndCurrentKey_CurrentWins()
    {
        var (options, _) = LoadFile($$"""{ "Forwarder": { {{Link}}, "DiscoveryInterval": "00:01:00", "BacklogRefreshInterval": "00:00:05" } }""");

        Assert.Equal(TimeSpan.FromSeconds(5), options.BacklogRefreshInterval);
    }

    [Fact]
    public void Load_ShortVariableAndCommandLine_CommandLineWinsListsSplit()
    {
        var environment = new Hashtable { ["FORWARDER_BATCH_SIZE"] = "100", ["FORWARDER_EXCLUDE"] = "A.X, A.Y", ["FORWARDER_PREFETCH"] = "500" };
        var commandLine = new Dictionary<string, IReadOnlyList<string>> { ["--batch-size"] = ["50"] };

        var (options, _) = Load($$"""{ "Forwarder": { {{Link}}, "Prefetch": 2000 } }""", environment, commandLine);

        Assert.Equal(50, options.BatchSize);
        Assert.Equal(500, options.Prefetch);
        Assert.Equal(["A.X", "A.Y"], options.ExcludedDestinations);
    }

    [Fact]
    public void Load_PasswordFileOnCommandLine_ReplacesPasswordFromFile()
    {
        using var password = new TempFile();
        var commandLine = new Dictionary<string, IReadOnlyList<string>> { ["--source-password-file"] = [password.Path] };

        var (options, errors) = Load($$"""{ "Forwarder": { {{Link}}, "SourcePassword": "inline" } }""", new Hashtable(), commandLine);

        Assert.Empty(errors);
        Assert.Null(options.SourcePassword);
        Assert.Equal(password.Path, options.SourcePasswordFile);
    }

    [Fact]
    public void Load_UnparsableShortVariables_NameOptionAndVariable()
    {
        var environment = new Hashtable { ["FORWARDER_BATCH_SIZE"] = "lots", ["FORWARDER_SEND_MODE"] = "fast" };

        var (_, errors) = Load($$"""{ "Forwarder": { {{Link}} } }""", environment, new Dictionary<string, IReadOnlyList<string>>());

        Assert.Equal(
            ["--batch-size (FORWARDER_BATCH_SIZE): 'lots' is not a whole number", "--send-mode (FORWARDER_SEND_MODE): 'fast' is not Transaction or Receipts"],
            errors);
    }

    [Fact]
    public void Load_ValueOfWrongTypeInFile_NamesTheFileAndKey()
    {
        var (_, errors) = LoadFile($$"""{ "Forwarder": { {{Link}}, "BatchSize": "lots" } }""");

        var error = Assert.Single(errors);
        Assert.StartsWith($"configuration file {_file}: ", error, StringComparison.Ordinal);
        Assert.Contains("'Forwarder:BatchSize'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MapOnCommandLineAndTargetQueueVariable_MapReplacesConfiguredMap()
    {
        var environment = new Hashtable { ["FORWARDER_TARGET_QUEUE"] = "orders", ["FORWARDER_MAP"] = "Q=ignored" };
        var commandLine = new Dictionary<string, IReadOnlyList<string>> { ["--map"] = ["Q = cloud.q"] };

        var (options, errors) = Load($$"""{ "Forwarder": { {{Link}}, "TargetQueueMap": { "Q": "old" } } }""", environment, commandLine);

        Assert.Empty(errors);
        Assert.Equal("orders", options.TargetQueue);
        Assert.Equal(new Dictionary<string, string> { ["Q"] = "cloud.q" }, options.TargetQueueMap);
    }

    [Theory]
    [InlineData("Q", "--map (FORWARDER_MAP): 'Q' is not SRC=DST (a source queue, '=', a target queue)")]
    [InlineData("Q=", "--map (FORWARDER_MAP): 'Q=' is not SRC=DST (a source queue, '=', a target queue)")]
    [InlineData("Q=a,Q=b", "--map (FORWARDER_MAP): 'Q' is mapped twice")]
    public void Load_BadMapVariable_NamesOptionAndVariable(string value, string expected)
    {
        var (_, errors) = Load($$"""{ "Forwarder": { {{Link}} } }""", new Hashtable { ["FORWARDER_MAP"] = value }, []);

        Assert.Equal([expected], errors);
    }

    private (ForwarderOptions Options, IReadOnlyList<string> Errors) LoadFile(string json) =>
        Load(json, new Hashtable(), new Dictionary<string, IReadOnlyList<string>>());

    private (ForwarderOptions Options, IReadOnlyList<string> Errors) Load(string json, IDictionary environment, Dictionary<string, IReadOnlyList<string>> commandLine)
    {
        File.WriteAllText(_file, json);
        return new SettingsLoader(_file, environment, commandLine).Load();
    }
}
