namespace Forwarder.Tests.Operations;

public sealed class EffectiveConfigurationTests
{
    private static ForwarderOptions Options() => new()
    {
        Name = "Q:dc1->aws",
        Source = "stomp+ssl://alice:src-secret@onprem:61614",
        SourcePassword = "p4ssw0rd-source",
        Targets = ["static:(stomp+ssl://bob:tgt-secret@a.mq:61614,stomp+ssl://b.mq:61614)"],
        TargetUserName = "forwarder",
        TargetPassword = "p4ssw0rd-target",
        TargetPasswordFile = "/etc/mq-forwarder/target.password",
        TargetQueueMap = new Dictionary<string, string> { ["Orders.A"] = "orders" },
    };

    [Fact]
    public void Describe_SecretsInPasswordsAndUris_NeverAppear()
    {
        var line = EffectiveConfiguration.Describe(Options());

        foreach (var secret in new[] { "p4ssw0rd-source", "p4ssw0rd-target", "src-secret", "tgt-secret", "alice", "bob" })
        {
            Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
        }

        Assert.Contains("SourcePassword=(set) ", line, StringComparison.Ordinal);
        Assert.Contains("TargetPassword=(set) ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_EffectiveValues_OneLineOfKeyValuePairs()
    {
        var line = EffectiveConfiguration.Describe(Options());

        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("Name=Q:dc1->aws Source=stomp+ssl://onprem:61614 ", line, StringComparison.Ordinal);
        Assert.Contains(" Targets=static:(stomp+ssl://a.mq:61614,stomp+ssl://b.mq:61614) ", line, StringComparison.Ordinal);
        Assert.Contains(" TargetUserName=forwarder ", line, StringComparison.Ordinal);
        Assert.Contains(" TargetPasswordFile=/etc/mq-forwarder/target.password ", line, StringComparison.Ordinal);
        Assert.Contains(" TargetQueueMap=Orders.A=orders ", line, StringComparison.Ordinal);
        Assert.Contains(" ReceiptTimeout=30 s ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("SourceUserName=", line, StringComparison.Ordinal);
    }
}
