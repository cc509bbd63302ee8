namespace Stomp.IntegrationTests.TestHelpers;

/// <summary>
/// A broker whose queues keep every message in memory (<c>vmQueueCursor</c>) up to 1 MB, producer flow control on:
/// with no consumer, a SEND beyond that blocks the sending connection's transport thread for good, so the broker
/// stops reading the socket (the documented way to stop producers at a memory limit).
/// </summary>
public sealed class FlowControlFixture : ActiveMqFixture
{
    private readonly string _policy = Path.Combine(Path.GetTempPath(), $"flow-control-policy-{Guid.NewGuid():N}.xml");

    public override async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(_policy, """
            <destinationPolicy><policyMap><policyEntries>
              <policyEntry queue=">" producerFlowControl="true" memoryLimit="1mb">
                <pendingQueuePolicy><vmQueueCursor/></pendingQueuePolicy>
              </policyEntry>
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
