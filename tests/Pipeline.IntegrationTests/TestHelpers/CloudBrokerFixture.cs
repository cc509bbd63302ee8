using Harness.ActiveMq;

namespace Pipeline.IntegrationTests.TestHelpers;

/// <summary>A real broker configured like the pipeline's "cloud": per-queue dead-letter queues <c>DLQ.&lt;queue&gt;</c>.</summary>
public sealed class CloudBrokerFixture : ActiveMqFixture
{
    protected override BrokerOptions CreateOptions() => new() { Name = "cloud", DeadLetterQueuePrefix = "DLQ." };
}
