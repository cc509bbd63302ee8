using System.Xml.Linq;
using Forwarder.NetworkConnector;

namespace Forwarder.Tests.NetworkConnector;

public sealed class NetworkConnectorXmlTests
{
    [Fact]
    public void Render_TwoTargetsWithUser_PrintsMasterSlaveUriAndPlaceholderPassword()
    {
        var options = TestOptions.Valid();
        options.Target = "static:(stomp+ssl://b-1.mq:61614,stomp+ssl://b-2.mq:61614)";
        options.TargetUserName = "bridge";
        options.TargetPassword = "very-secret";
        options.StaticallyIncludedDestinations = ["Orders.>", "Billing"];
        options.ExcludedDestinations = ["Orders.Internal"];
        options.NetworkTtl = 2;

        var xml = NetworkConnectorXml.Render(options);
        var element = XElement.Parse(xml[xml.IndexOf("<networkConnector name", StringComparison.Ordinal)..]);

        Assert.DoesNotContain("very-secret", xml, StringComparison.Ordinal);
        Assert.Equal("Q:onprem->amazonmq", (string?)element.Attribute("name"));
        // An active/standby pair (issue 10): masterslave:, where a static: list would bridge to each broker.
        Assert.Equal("masterslave:(ssl://b-1.mq:61617,ssl://b-2.mq:61617)?maxReconnectDelay=5000", (string?)element.Attribute("uri"));
        Assert.Equal("false", (string?)element.Attribute("duplex"));
        Assert.Equal("2", (string?)element.Attribute("networkTTL"));
        Assert.Equal("bridge", (string?)element.Attribute("userName"));
        Assert.Equal("${forwarder.target.password}", (string?)element.Attribute("password"));
        Assert.Equal(["Orders.>", "Billing"], element.Element("staticallyIncludedDestinations")!.Elements("queue").Select(q => (string)q.Attribute("physicalName")!));
        Assert.Equal(["Orders.>", "Billing"], element.Element("dynamicallyIncludedDestinations")!.Elements("queue").Select(q => (string)q.Attribute("physicalName")!));
        Assert.Equal(["Orders.Internal"], element.Element("excludedDestinations")!.Elements("queue").Select(q => (string)q.Attribute("physicalName")!));
    }

    [Theory]
    [InlineData("failover:(stomp://a:61613,stomp://b:61613)", null)]
    [InlineData("masterslave:(stomp://a:61613,stomp://b:61613)", null)]
    [InlineData("stomp://a:61613", "stomp://b:61613")]
    public void Render_ActiveStandbyPair_UsesMasterSlaveDiscovery(string target, string? second)
    {
        var options = TestOptions.Valid();
        options.Target = target;
        options.Targets = second is null ? [] : [second];

        var xml = NetworkConnectorXml.Render(options);

        Assert.Contains("uri=\"masterslave:(tcp://a:61616,tcp://b:61616)?maxReconnectDelay=5000\"", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_GreaterThan_ExcludesDeadLettersAndAdvisories()
    {
        var options = TestOptions.Valid();
        options.StaticallyIncludedDestinations = [">"];

        var xml = NetworkConnectorXml.Render(options);

        Assert.Contains("<queue physicalName=\"ActiveMQ.&gt;\" />", xml, StringComparison.Ordinal);
        Assert.Contains("<queue physicalName=\"DLQ.&gt;\" />", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LinkWithPassword_WritesTheElementAloneWithThatPassword()
    {
        var link = new NetworkConnectorLink("Q:onprem->cloud", ["tcp://127.0.0.1:61616"], ["Orders"]) { UserName = "bridge", Password = "bridgepw" };

        var element = XElement.Parse(NetworkConnectorXml.Render(link));

        Assert.Equal("static:(tcp://127.0.0.1:61616)?maxReconnectDelay=5000", (string?)element.Attribute("uri"));
        Assert.Equal("1", (string?)element.Attribute("networkTTL"));
        Assert.Equal("bridgepw", (string?)element.Attribute("password"));
        Assert.Equal(["Orders"], element.Element("staticallyIncludedDestinations")!.Elements("queue").Select(q => (string)q.Attribute("physicalName")!));
        Assert.Null(element.Element("excludedDestinations"));
    }
}
