namespace Forwarder.Tests.Configuration;

public sealed class ForwarderOptionsValidatorTests
{
    [Fact]
    public void Validate_ValidOptions_Succeeds()
    {
        var errors = ForwarderOptionsValidator.Errors(TestOptions.Valid());

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_HttpTarget_NamesSettingAndValue()
    {
        var options = TestOptions.Valid();
        options.Target = "http://x";

        var errors = ForwarderOptionsValidator.Errors(options).ToList();

        Assert.Contains("Forwarder:Target: 'http://x' is not a stomp:// or stomp+ssl:// URI", errors);
    }

    [Fact]
    public void Validate_BadEntryInStaticList_NamesTheEntry()
    {
        var options = TestOptions.Valid();
        options.Target = null;
        options.Targets = ["static:(stomp+ssl://a:61614,tcp://b:61616)?maxReconnectDelay=5000"];

        var errors = ForwarderOptionsValidator.Errors(options).ToList();

        Assert.Equal(["Forwarder:Targets:0: 'tcp://b:61616' is not a stomp:// or stomp+ssl:// URI"], errors);
    }

    [Fact]
    public void Validate_Duplex_ExplainsWhyNot()
    {
        var options = TestOptions.Valid();
        options.Duplex = true;

        var error = Assert.Single(ForwarderOptionsValidator.Errors(options));

        Assert.StartsWith("Forwarder:Duplex: true is not supported: the agent forwards one way", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingSourceTargetAndIncludes_ReportsEach()
    {
        var errors = ForwarderOptionsValidator.Errors(new ForwarderOptions()).ToList();

        Assert.Contains(errors, e => e.StartsWith("Forwarder:Source: is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Forwarder:Target: is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Forwarder:StaticallyIncludedDestinations: name at least one queue", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("topic://Prices", "Forwarder:StaticallyIncludedDestinations:0: 'topic://Prices' is a topic; the forwarder moves queue messages only")]
    [InlineData("Orders.>.X", "Forwarder:StaticallyIncludedDestinations:0: 'Orders.>.X': '>' may only be the last segment")]
    [InlineData("Orders..A", "Forwarder:StaticallyIncludedDestinations:0: 'Orders..A' has an empty name segment")]
    [InlineData("Ord*", "Forwarder:StaticallyIncludedDestinations:0: 'Ord*': wildcards '*' and '>' must be whole segments")]
    public void Validate_BadInclude_NamesIt(string include, string expected)
    {
        var options = TestOptions.Valid();
        options.StaticallyIncludedDestinations = [include];

        Assert.Equal([expected], ForwarderOptionsValidator.Errors(options));
    }

    [Fact]
    public void Validate_MissingPasswordFile_NamesFile()
    {
        var options = TestOptions.Valid();
        options.TargetPasswordFile = "/nonexistent/pw";

        Assert.Equal(["Forwarder:TargetPasswordFile: file '/nonexistent/pw' does not exist"], ForwarderOptionsValidator.Errors(options));
    }

    [Fact]
    public void Validate_BatchAbovePrefetch_Fails()
    {
        var options = TestOptions.Valid();
        options.Prefetch = 10;
        options.BatchSize = 50;

        var error = Assert.Single(ForwarderOptionsValidator.Errors(options));

        Assert.StartsWith("Forwarder:BatchSize: 50 must be between 1 and Prefetch (10)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeroTtlAndAttempts_Fails()
    {
        var options = TestOptions.Valid();
        options.NetworkTtl = 0;
        options.MaxAttempts = 0;

        var errors = ForwarderOptionsValidator.Errors(options).ToList();

        Assert.Contains("Forwarder:NetworkTtl: 0 must be at least 1 (the number of forwarding hops a message may take)", errors);
        Assert.Contains("Forwarder:MaxAttempts: 0 must be at least 1", errors);
    }

    [Theory]
    [InlineData(nameof(ForwarderOptions.Name), " ", "Forwarder:Name: must not be empty (e.g. 'Q:onprem->amazonmq')")]
    [InlineData(nameof(ForwarderOptions.Prefetch), 0, "Forwarder:Prefetch: 0 must be at least 1")]
    [InlineData(nameof(ForwarderOptions.PipelineDepth), 17, "Forwarder:PipelineDepth: 17 must be between 1 and 16")]
    [InlineData(nameof(ForwarderOptions.ReconnectJitter), 1.5, "Forwarder:ReconnectJitter: 1.5 must be between 0 and 1")]
    [InlineData(nameof(ForwarderOptions.MetricsPort), 65536, "Forwarder:MetricsPort: 65536 is not a TCP port (0 turns the endpoint off)")]
    [InlineData(nameof(ForwarderOptions.SourceCaFile), "/nonexistent/ca.pem", "Forwarder:SourceCaFile: file '/nonexistent/ca.pem' does not exist")]
    public void Validate_OneBadSetting_NamesSettingAndValue(string setting, object value, string expected)
    {
        var options = TestOptions.Valid();
        typeof(ForwarderOptions).GetProperty(setting)!.SetValue(options, value);

        Assert.Contains(expected, ForwarderOptionsValidator.Errors(options));
    }

    [Fact]
    public void Validate_NegativeDrainAndZeroBacklogInterval_NamesBoth()
    {
        var options = TestOptions.Valid();
        options.DrainTimeout = TimeSpan.FromSeconds(-1);
        options.BacklogRefreshInterval = TimeSpan.Zero;

        Assert.Equal(
            ["Forwarder:DrainTimeout: -00:00:01 must be zero or positive", "Forwarder:BacklogRefreshInterval: 00:00:00 must be positive"],
            ForwarderOptionsValidator.Errors(options));
    }

    [Fact]
    public void Validate_ZeroDrainTimeout_Succeeds()
    {
        var options = TestOptions.Valid();
        options.DrainTimeout = TimeSpan.Zero;

        Assert.Empty(ForwarderOptionsValidator.Errors(options));
    }

    [Fact]
    public void Validate_PasswordAndPasswordFile_RefusesBoth()
    {
        using var file = new TempFile();
        var options = TestOptions.Valid();
        options.SourcePassword = "inline";
        options.SourcePasswordFile = file.Path;

        Assert.Equal(["Forwarder:SourcePasswordFile: set either SourcePassword or SourcePasswordFile, not both"], ForwarderOptionsValidator.Errors(options));
    }

    [Fact]
    public void TargetEndpoints_StaticList_KeepsFailoverOrder()
    {
        var options = TestOptions.Valid();
        options.Target = "masterslave:(stomp+ssl://a:61614,stomp+ssl://b:61614)";

        var endpoints = options.TargetEndpoints();

        Assert.Equal(["stomp+ssl://a:61614", "stomp+ssl://b:61614"], endpoints.Select(e => e.ToString()));
    }

    [Fact]
    public void SecretReader_FileWithTrailingNewline_IgnoresIt()
    {
        using var file = new TempFile();
        File.WriteAllText(file.Path, "s3cret\n");

        Assert.Equal("s3cret", SecretReader.Read(null, file.Path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    public void SecretReader_EmptyFile_ThrowsIOExceptionNamingTheFile(string content)
    {
        using var file = new TempFile();
        File.WriteAllText(file.Path, content);

        var ex = Assert.Throws<IOException>(() => SecretReader.Read("inline", file.Path));

        Assert.Equal($"password file '{file.Path}' cannot be used (being rotated?): it is empty", ex.Message);
    }

    [Fact]
    public void SecretReader_FileMissingThenRewritten_ThrowsIOExceptionThenReadsTheNewPassword()
    {
        using var file = new TempFile();
        File.Delete(file.Path);

        var ex = Assert.Throws<IOException>(() => SecretReader.Read(null, file.Path));
        Assert.StartsWith($"password file '{file.Path}' cannot be used (being rotated?): Could not find file", ex.Message, StringComparison.Ordinal);
        Assert.IsType<FileNotFoundException>(ex.InnerException);

        File.WriteAllText(file.Path, "rotated\r\n");
        Assert.Equal("rotated", SecretReader.Read(null, file.Path));
    }

    [Fact]
    public void TargetQueueFor_MapAndPrefix_MapWins()
    {
        var options = TestOptions.Valid();
        options.TargetQueuePrefix = "onprem.";
        options.TargetQueueMap = new() { ["Orders.A"] = "Cloud.Orders" };

        Assert.Equal("Cloud.Orders", options.TargetQueueFor("Orders.A"));
        Assert.Equal("onprem.Orders.B", options.TargetQueueFor("Orders.B"));
    }

    /// <summary>Precedence: an exact map entry, then the one target queue (wildcard-discovered queues too), then the prefix.</summary>
    [Theory]
    [InlineData("Orders.A", "Cloud.Orders")]
    [InlineData("Orders.B", "orders")]
    [InlineData("Orders.New.Discovered", "orders")]
    public void TargetQueueFor_MapQueueAndPrefix_MapThenQueueThenPrefix(string source, string expected)
    {
        var options = TestOptions.Valid();
        options.TargetQueuePrefix = "onprem.";
        options.TargetQueue = "orders";
        options.TargetQueueMap = new() { ["Orders.A"] = "Cloud.Orders" };

        Assert.Equal(expected, options.TargetQueueFor(source));
    }

    [Theory]
    [InlineData("TargetQueue", "Orders.>", "Forwarder:TargetQueue: 'Orders.>' is not a queue name (one queue, no wildcard, e.g. the stack's QueueName 'orders'; --target-queue, FORWARDER_TARGET_QUEUE)")]
    [InlineData("TargetQueuePrefix", "onprem..", "Forwarder:TargetQueuePrefix: 'onprem..' does not make queue names (e.g. 'onprem.' makes 'onprem.Orders.A')")]
    [InlineData("Map", "Orders.*=orders", "Forwarder:TargetQueueMap: 'Orders.*' is not a queue name: the map renames exact source queues (for every queue of a wildcard use TargetQueue or TargetQueuePrefix)")]
    [InlineData("Map", "Invoices=orders", "Forwarder:TargetQueueMap:Invoices: no include forwards 'Invoices' (includes: Orders.>)")]
    [InlineData("Map", "Orders.A=Cloud.>", "Forwarder:TargetQueueMap:Orders.A: 'Cloud.>' is not a queue name")]
    public void Validate_BadTargetQueueMapping_NamesSettingAndValue(string setting, string value, string expected)
    {
        var options = TestOptions.Valid();
        if (setting == "Map")
        {
            options.TargetQueueMap = new() { [value.Split('=')[0]] = value.Split('=')[1] };
        }
        else
        {
            typeof(ForwarderOptions).GetProperty(setting)!.SetValue(options, value);
        }

        Assert.Equal([expected], ForwarderOptionsValidator.Errors(options));
    }

    [Theory]
    [InlineData("{queue}.Parked", "Orders.>", "", "'Orders.>'")]
    [InlineData("Orders.Parked.{queue}", "Orders.>", "", "'Orders.Parked.Orders.>'")]
    [InlineData("Orders.Parked", "Orders.>", "", "'Orders.Parked'")]
    [InlineData("Parked.{queue}", "Orders.>,Parked.*.*", "", "'Parked.Orders.>'")]
    public void Validate_ParkingQueueConsumedByOwnWildcard_IsRefused(string parking, string includes, string excludes, string named)
    {
        var error = Assert.Single(ForwarderOptionsValidator.Errors(ParkingOptions(parking, includes, excludes)));

        Assert.StartsWith($"Forwarder:ParkingQueue: '{parking}' parks messages on ", error, StringComparison.Ordinal);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DLQ.{queue}", "Orders.>", "")]
    [InlineData("Parked.{queue}", ">", "")]
    [InlineData("Orders.Parked.{queue}", "Orders.>", "Orders.Parked.>")]
    [InlineData("{queue}.Parked", "Orders.A,Orders.B", "")]
    public void Validate_ParkingQueueOutsideOwnWildcards_IsAccepted(string parking, string includes, string excludes)
    {
        Assert.Empty(ForwarderOptionsValidator.Errors(ParkingOptions(parking, includes, excludes)));
    }

    private static ForwarderOptions ParkingOptions(string parking, string includes, string excludes)
    {
        var options = TestOptions.Valid();
        options.ParkingQueue = parking;
        options.StaticallyIncludedDestinations = [.. includes.Split(',')];
        options.ExcludedDestinations = [.. excludes.Split(',', StringSplitOptions.RemoveEmptyEntries)];
        return options;
    }
}
