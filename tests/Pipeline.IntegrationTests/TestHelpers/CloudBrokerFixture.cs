using Harness.ActiveMq;

namespace Pipeline.IntegrationTests.TestHelpers;

/// <summary>
/// A real broker configured like the pipeline's "cloud": the destination policy of template.yaml, as Amazon MQ runs it
/// (per-queue dead-letter queues <c>DLQ.&lt;queue&gt;</c>, non-persistent messages included).
/// </summary>
public sealed class CloudBrokerFixture : ActiveMqFixture
{
    protected override BrokerOptions CreateOptions() => new() { Name = "cloud", TemplateDestinationPolicy = true };
}
