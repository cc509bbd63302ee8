namespace Forwarder.IntegrationTests;

public sealed class TlsTests(TlsFixture pair) : IClassFixture<TlsFixture>
{
    [Fact]
    public async Task Run_TargetOverTlsWithCustomCa_Forwards()
    {
        var queue = BrokerPairFixture.UniqueQueue("Tls");
        await Messages.SendAsync(pair.OnPrem, queue, 10, Ct);
        var args = Link.RunArgs(pair, "--include", queue, "--target-ca-file", pair.Cloud.CaCertificateFile!);
        args[args.IndexOf("--target") + 1] = pair.Cloud.StompSslUri!.ToString();

        await using var agent = AgentProcess.Start(args);
        await Messages.WaitForCountAsync(pair.Cloud, queue, 10, agent, Ct);
        Assert.Contains("Target connected: stomp+ssl://", agent.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TlsWithoutTrustedCa_FailsOnCertificate()
    {
        var args = Link.RunArgs(pair, "--include", "Q");
        args[0] = "verify";
        args[args.IndexOf("--target") + 1] = pair.Cloud.StompSslUri!.ToString();
        args.RemoveRange(args.IndexOf("--metrics-port"), 2);

        var (code, stdout, _) = await AgentProcess.RunAsync(args, null, Ct);

        Assert.Equal(1, code);
        Assert.Contains("target  stomp+ssl://", stdout, StringComparison.Ordinal);
        Assert.Contains("FAILED", stdout, StringComparison.Ordinal);
    }
}
