using LocalPipeline.Run;

namespace Local.Tests.Pipeline;

public sealed class ForwarderProbeTests
{
    [Fact]
    public void Sum_PrometheusExposition_AddsEverySeriesOfTheMetricOnly()
    {
        const string metrics = """
            # TYPE forwarder_messages_parked_total counter
            # HELP forwarder_messages_parked_total Messages parked on the source broker's parking queue
            forwarder_messages_parked_total{otel_scope_name="Forwarder",queue="orders"} 3 1764077415123
            forwarder_messages_parked_total{otel_scope_name="Forwarder",queue="invoices"} 2
            forwarder_messages_parked_total_other{queue="orders"} 100
            forwarder_messages_forwarded_total{otel_scope_name="Forwarder",queue="orders"} 40

            """;

        Assert.Equal(5, ForwarderProbe.Sum(metrics, ForwarderProbe.ParkedMetric));
        Assert.Equal(0, ForwarderProbe.Sum("# EOF\n", ForwarderProbe.ParkedMetric));
    }
}
