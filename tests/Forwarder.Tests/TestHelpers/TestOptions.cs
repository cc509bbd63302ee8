namespace Forwarder.Tests.TestHelpers;

internal static class TestOptions
{
    public static ForwarderOptions Valid() => new()
    {
        Name = "Q:onprem->amazonmq",
        Source = "stomp://onprem:61613",
        Target = "stomp+ssl://b-1.mq.eu-west-1.amazonaws.com:61614",
        StaticallyIncludedDestinations = ["Orders.>"],
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(1),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(5),
    };
}
