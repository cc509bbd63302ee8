namespace Forwarder.IntegrationTests.TestHelpers;

/// <summary>
/// A broker pair of its own, with 1 GB heaps: the memory test moves 1 GB of 5 MiB messages, and with the default
/// 256 MB the cloud broker ran out of heap on the agent's transactions of a dozen of them (60 MiB each, four
/// pipelined); a real Amazon MQ broker has gigabytes.
/// </summary>
public sealed class MemoryFixture() : BrokerPairFixture("memory")
{
    protected override BrokerOptions CreateOnPremOptions() => base.CreateOnPremOptions() with { Heap = "1g" };

    protected override BrokerOptions CreateCloudOptions() => base.CreateCloudOptions() with { Heap = "1g" };
}
