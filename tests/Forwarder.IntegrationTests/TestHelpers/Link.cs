namespace Forwarder.IntegrationTests.TestHelpers;

/// <summary>CLI arguments for a link from the fixture's on-prem broker to its cloud broker.</summary>
internal static class Link
{
    public const string Name = "Q:onprem->cloud";

    private static readonly Lazy<string> PasswordFile = new(() =>
    {
        var file = Path.Combine(Path.GetTempPath(), $"fwd-it-pw-{Environment.ProcessId}");
        File.WriteAllText(file, BrokerPairFixture.CloudPassword + "\n");
        return file;
    });

    public static List<string> RunArgs(BrokerPairFixture pair, params string[] extra) =>
    [
        "run", "--name", Name,
        "--source", pair.OnPrem.StompUri.ToString(),
        "--target", pair.Cloud.StompUri.ToString(),
        "--target-user", BrokerPairFixture.CloudUser,
        "--target-password-file", PasswordFile.Value,
        "--metrics-port", "0",
        .. extra,
    ];

    /// <summary><c>forwarder verify</c> of the link, with <paramref name="target"/> as its target setting.</summary>
    public static List<string> VerifyArgs(BrokerPairFixture pair, string target, params string[] extra)
    {
        var args = RunArgs(pair, extra);
        args[0] = "verify";
        args[args.IndexOf("--target") + 1] = target;
        args.RemoveRange(args.IndexOf("--metrics-port"), 2);
        return args;
    }

    /// <summary><see cref="RunArgs"/> with <c>/metrics</c> and <c>/health</c> on <paramref name="metricsPort"/>.</summary>
    public static List<string> RunArgs(BrokerPairFixture pair, int metricsPort, params string[] extra)
    {
        var args = RunArgs(pair, extra);
        args[args.IndexOf("--metrics-port") + 1] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return args;
    }
}
