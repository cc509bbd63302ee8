namespace Forwarder.Tests.Bridge;

public sealed class OldestPendingGaugeTests
{
    private readonly List<(string Queue, long? Timestamp)> _reported = [];

    [Fact]
    public void Update_PerQueue_ReportsTheOldestTimestamp()
    {
        var gauge = new OldestPendingGauge((q, ts) => _reported.Add((q, ts)));

        gauge.Update([Message("A", 300), Message("A", 100), Message("B", 200), TestMessages.Inbound("no-ts", "C")]);

        Assert.Equal([("A", 100), ("B", 200)], _reported);
    }

    [Fact]
    public void Update_QueueNoLongerPending_ReportsNullOnce()
    {
        var gauge = new OldestPendingGauge((q, ts) => _reported.Add((q, ts)));
        gauge.Update([Message("A", 100), Message("B", 200)]);
        _reported.Clear();

        gauge.Update([Message("B", 250)]);
        gauge.Update([Message("B", 250)]);

        Assert.Equal([("A", null), ("B", 250), ("B", 250)], _reported);
    }

    private static Forwarder.Bridge.InboundMessage Message(string queue, long timestamp) =>
        TestMessages.Inbound($"ID:{queue}-{timestamp}", queue, "m", ("timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
