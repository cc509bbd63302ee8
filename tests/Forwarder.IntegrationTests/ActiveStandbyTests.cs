using Forwarder.NetworkConnector;

namespace Forwarder.IntegrationTests;

/// <summary>
/// An active/standby target as Amazon MQ deploys one, here a real shared-storage master/slave pair on loopback
/// (<see cref="SharedStoragePairFixture"/>): <c>verify</c> passes when exactly one endpoint answers, and the
/// network-connector element bridges to whichever broker of the pair is active.
/// </summary>
[Collection(BrokerPairDefinition.Name)]
public sealed class ActiveStandbyTests(BrokerPairFixture pair, SharedStoragePairFixture target) : IClassFixture<SharedStoragePairFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Verify_ActiveStandbyPair_PassesAndNamesTheStandby(bool standbyFirstAsTwoEntries)
    {
        var (active, standby) = (Show(target.Active.StompUri), Show(target.Standby.StompUri));
        var args = standbyFirstAsTwoEntries
            ? Link.VerifyArgs(pair, standby, "--target", active, "--include", "Q")
            : Link.VerifyArgs(pair, $"failover:({active},{standby})", "--include", "Q");

        var (code, stdout, stderr) = await AgentProcess.RunAsync(args, null, Ct);

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains($"target  {active}: OK", stdout, StringComparison.Ordinal);
        Assert.Contains($"target  {standby}: not answering (standby or down)", stdout, StringComparison.Ordinal);
        Assert.Contains("verify: OK", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NoEndpointOfThePairAnswers_Fails()
    {
        var down = $"stomp://127.0.0.1:{FreePort.Loopback()}";

        var (code, stdout, _) = await AgentProcess.RunAsync(
            Link.VerifyArgs(pair, $"failover:({Show(target.Standby.StompUri)},{down})", "--include", "Q"), null, Ct);

        Assert.Equal(1, code);
        Assert.Contains($"target  {down}: not answering (standby or down)", stdout, StringComparison.Ordinal);
        Assert.Contains("target  FAILED: none of the 2 endpoints answers", stdout, StringComparison.Ordinal);
        Assert.Contains("verify: FAILED", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_BothEndpointsAnswer_WarnsButPasses()
    {
        var (code, stdout, stderr) = await AgentProcess.RunAsync(
            Link.VerifyArgs(pair, $"failover:({Show(target.Active.StompUri)},{Show(pair.Cloud.StompUri)})", "--include", "Q"), null, Ct);

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("target  WARNING: 2 endpoints answer", stdout, StringComparison.Ordinal);
        Assert.Contains("verify: OK", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_PairEndpointRefusesTheLogin_Fails()
    {
        var pw = Path.GetTempFileName();
        await File.WriteAllTextAsync(pw, "wrong", Ct);
        try
        {
            var args = Link.VerifyArgs(pair, $"failover:({Show(target.Active.StompUri)},{Show(target.Standby.StompUri)})", "--include", "Q");
            args[args.IndexOf("--target-password-file") + 1] = pw;

            var (code, stdout, _) = await AgentProcess.RunAsync(args, null, Ct);

            // Answering and refusing is not "standby": the pair fails.
            Assert.Equal(1, code);
            Assert.Contains($"target  {Show(target.Active.StompUri)}: FAILED", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pw);
        }
    }

    [Fact]
    public async Task NetworkConnector_ActiveStandbyPair_BridgesToTheActiveBroker()
    {
        var queue = BrokerPairFixture.UniqueQueue("MasterSlave");
        // The standby first: masterslave: passes over it to the broker that answers.
        var link = new NetworkConnectorLink("Q:onprem->pair", [Show(target.Standby.OpenWireUri), Show(target.Active.OpenWireUri)], [queue])
        {
            UserName = BrokerPairFixture.BridgeUser,
            Password = BrokerPairFixture.BridgePassword,
        };
        var element = NetworkConnectorXml.Render(link);
        await using var onPrem = await ActiveMqBroker.StartAsync(new BrokerOptions { Name = "onprem-masterslave", NetworkConnectors = [element] }, Ct);

        await Messages.SendAsync(onPrem, queue, 3, Ct);

        Assert.Contains("uri=\"masterslave:(", element, StringComparison.Ordinal);
        await target.Active.Queues.WaitForCountAsync(queue, 3, TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(0, await onPrem.Queues.CountAsync(queue, Ct));
    }

    private static string Show(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
