using System.Text;
using System.Xml.Linq;
using Stomp;

namespace Template.Tests;

/// <summary>
/// The destination policy of the template's broker configuration on a real ActiveMQ, loaded from template.yaml as
/// every local cloud broker loads it (<c>scripts/broker.sh --destination-policy</c>): what Amazon MQ runs.
/// </summary>
public sealed class BrokerDestinationPolicyTests(BrokerConfigurationFixture broker) : IClassFixture<BrokerConfigurationFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public void LocalCloudBroker_DestinationPolicy_IsTheOneTheTemplateDeploys()
    {
        var deployed = PolicyOf(broker.Configuration, "template.yaml's BrokerConfiguration");
        var loaded = PolicyOf(XDocument.Load(Path.Combine(broker.Broker.DataDir, "conf", "activemq.xml")), "the local cloud broker's activemq.xml");

        Assert.True(
            XNode.DeepEquals(deployed, loaded),
            $"the local cloud broker runs another destination policy than the template deploys.\ntemplate.yaml:\n{deployed}\nlocal broker:\n{loaded}");
    }

    [Fact]
    public async Task NonPersistentMessage_RedeliveredThenNacked_EndsOnTheQueuesDeadLetterQueue()
    {
        var queue = "/queue/" + broker.Queue;
        var body = Encoding.UTF8.GetBytes($"non-persistent {Guid.NewGuid():N}");
        await using (var forwarder = await broker.ConnectAsync(BrokerConfigurationFixture.ForwarderUser, Ct))
        {
            // Without persistent:true a STOMP SEND is a non-persistent JMS message.
            await forwarder.SendAsync(queue, [], body, cancellationToken: Ct);
        }

        await using (var lambda = await broker.ConnectAsync(BrokerConfigurationFixture.LambdaUser, Ct))
        {
            // Two failed deliveries: the subscription closes without ACK and the broker gives the message back.
            foreach (var redelivered in new[] { false, true })
            {
                await using var failing = await lambda.SubscribeAsync(queue, cancellationToken: Ct);
                var delivery = await ReadAsync(failing, queue);
                Assert.Equal(body, delivery.Body.ToArray());
                Assert.Equal(redelivered, delivery.Redelivered);
            }

            await using var last = await lambda.SubscribeAsync(queue, cancellationToken: Ct);
            var message = await ReadAsync(last, queue);
            Assert.True(message.Redelivered);
            await message.NackAsync(Ct);
        }

        await using var admin = await broker.ConnectAsync(BrokerConfigurationFixture.AdminUser, Ct);
        var deadLetterQueue = "/queue/DLQ." + broker.Queue;
        await using var dlq = await admin.SubscribeAsync(deadLetterQueue, cancellationToken: Ct);
        var dead = await ReadAsync(dlq, deadLetterQueue);
        await dead.AckAsync(Ct);
        Assert.Equal(body, dead.Body.ToArray());
    }

    private static XElement PolicyOf(XDocument configuration, string where)
    {
        var policies = configuration.Descendants(BrokerConfigurationFixture.Core + "destinationPolicy").ToList();
        Assert.True(policies.Count == 1, $"{where} has {policies.Count} <destinationPolicy> elements, expected one");
        return policies[0];
    }

    private static async Task<StompMessage> ReadAsync(StompSubscription subscription, string destination) =>
        await subscription.TryReadAsync(Wait, Ct) ?? throw new TimeoutException($"nothing arrived on {destination} within {Wait.TotalSeconds} s");
}
