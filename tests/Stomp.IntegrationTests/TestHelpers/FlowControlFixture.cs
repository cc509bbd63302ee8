namespace Stomp.IntegrationTests.TestHelpers;

/// <summary>
/// A broker whose queues may hold 1 MB in memory, producer flow control on and the default store cursor (as deployed):
/// ActiveMQ counts a transaction's uncommitted messages against that, so a larger transaction blocks the sending
/// connection's transport thread for good (its COMMIT waits behind the SEND the broker will not read).
/// </summary>
public sealed class FlowControlFixture : ActiveMqFixture
{
    private readonly string _policy = Path.Combine(Path.GetTempPath(), $"flow-control-policy-{Guid.NewGuid():N}.xml");

    public override async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(_policy, """
            <destinationPolicy><policyMap><policyEntries>
              <policyEntry queue=">" producerFlowControl="true" memoryLimit="1mb"/>
            </policyEntries></policyMap></destinationPolicy>
            """);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_policy);
    }

    protected override BrokerOptions CreateOptions() => new()
    {
        Name = "flow-control",
        ExtraArguments = ["--destination-policy", _policy],
    };
}
