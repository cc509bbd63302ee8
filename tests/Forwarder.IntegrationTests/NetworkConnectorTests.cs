using Forwarder.NetworkConnector;
using Testing;

namespace Forwarder.IntegrationTests;

/// <summary>The element <see cref="NetworkConnectorXml"/> writes, configured on a real on-prem broker.</summary>
public sealed class NetworkConnectorTests
{
    [Fact]
    public async Task Render_StaticBridgeOnRealBrokers_ForwardsQueueToCloud()
    {
        var queue = TestNames.UniqueQueue("Bridged");
        await using var cloud = await ActiveMqBroker.StartAsync(
            new BrokerOptions { Name = "cloud", Users = [new BrokerUser("bridge", "bridgepw")] }, Ct);
        var link = new NetworkConnectorLink("Q:onprem->cloud", [cloud.OpenWireUri.ToString().TrimEnd('/')], [queue])
        {
            UserName = "bridge",
            Password = "bridgepw",
        };
        await using var onPrem = await ActiveMqBroker.StartAsync(new BrokerOptions
        {
            Name = "onprem",
            NetworkConnectors = [NetworkConnectorXml.Render(link)],
        }, Ct);
        await using var client = await onPrem.ConnectStompAsync(Ct);

        for (var i = 0; i < 5; i++)
        {
            await client.SendAsync("/queue/" + queue, [new("persistent", "true")], "m"u8.ToArray(), cancellationToken: Ct);
        }

        await cloud.Queues.WaitForCountAsync(queue, 5, TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(0, await onPrem.Queues.CountAsync(queue, Ct));
    }
}
